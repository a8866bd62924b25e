import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The example webhook receiver (`pnpm receiver`) is a user's first program against the gateway:
 * a bad setting answers one line and exit 2, never a stack.
 */
const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function runReceiver(env: Record<string, string>) {
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/receiver/main.ts'], {
      cwd: gatewayDir,
      env: { ...process.env, MALIPO_WEBHOOK_SECRET: secret, ...env },
      timeout: 20_000,
    });
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
  throw new Error('expected the receiver to exit with an error');
}

describe('the example webhook receiver refuses bad settings in one line', () => {
  it.each([
    [{ RECEIVER_PORT: 'abc' }, 'RECEIVER_PORT must be a port number from 0 to 65535; got "abc".'],
    [
      { RECEIVER_PORT: '99999' },
      'RECEIVER_PORT must be a port number from 0 to 65535; got "99999".',
    ],
    [
      { MALIPO_WEBHOOK_SECRET: 'whsec_not base64!' },
      'MALIPO_WEBHOOK_SECRET is not a usable webhook secret: standard-webhooks cannot use it: a whsec_ secret must be base64 (A–Z, a–z, 0–9, "+", "/", "=" padding) after its prefix, written once; copy it exactly as the sender shows it.',
    ],
  ])('%o', async (env, line) => {
    const { code, stdout, stderr } = await runReceiver(env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${line}\n`);
  });

  it('a busy port names RECEIVER_PORT', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const { code, stdout, stderr } = await runReceiver({ RECEIVER_PORT: String(port) });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `Port ${port} on 127.0.0.1 is already in use: set RECEIVER_PORT to another port.\n`,
      );
    } finally {
      busy.close();
    }
  });

  it('RECEIVER_PORT=0 takes a free port and prints the one it took', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/receiver/main.ts'], {
      cwd: gatewayDir,
      env: { ...process.env, MALIPO_WEBHOOK_SECRET: secret, RECEIVER_PORT: '0' },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      const port = Number(
        /^Webhook receiver on http:\/\/127\.0\.0\.1:(\d+)\/webhooks$/.exec(line)?.[1],
      );
      expect(port).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});

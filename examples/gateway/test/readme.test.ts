import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildGateway, freePort, spawnGateway } from './support/child-gateway.js';
import { eventually } from './support/harness.js';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(gatewayDir, 'README.md'), 'utf8');

/** The fenced block after a `<!-- name -->` marker. */
function block(marker: string): string {
  const after = readme.slice(readme.indexOf(`<!-- ${marker} -->`));
  const match = /```sh\n([\s\S]*?)```/.exec(after);
  if (!match?.[1]) throw new Error(`no block after <!-- ${marker} -->`);
  return match[1];
}

describe('the README walkthrough', () => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('start, receiver, first payment: the receiver prints payment.completed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'malipo-readme-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const [port, receiverPort] = [await freePort(), await freePort()];
    // The README's own commands; only the ports differ (tests run side by side).
    const gateway: ChildGateway = await spawnGateway(
      { DATA_DIR: join(dir, 'data'), PORT: String(port), LOG_LEVEL: 'info' },
      `http://127.0.0.1:${port}`,
    );
    cleanups.push(() => gateway.kill('SIGTERM'));
    const banner = await eventually(
      async () => gateway.output(),
      (text) => text.includes('Webhook secret:'),
    );
    const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(banner)?.[1] as string;
    expect(banner).toContain('built-in Daraja simulator');

    const receiver = spawn(process.execPath, ['--import', 'tsx', 'src/receiver/main.ts'], {
      cwd: gatewayDir,
      env: {
        ...process.env,
        MALIPO_WEBHOOK_SECRET: field('Webhook secret'),
        RECEIVER_PORT: String(receiverPort),
      },
    });
    let printed = '';
    receiver.stdout.on('data', (chunk) => {
      printed += chunk;
    });
    receiver.stderr.on('data', (chunk) => {
      printed += chunk;
    });
    cleanups.push(() => receiver.kill('SIGTERM'));
    await eventually(
      async () => printed,
      (text) => text.includes('Webhook receiver on'),
    );

    const command = block('first-payment')
      .replaceAll(':8000', `:${port}`)
      .replaceAll(':4242', `:${receiverPort}`);
    const { stdout } = await promisify(execFile)('bash', ['-c', command], {
      env: {
        ...process.env,
        MALIPO_API_KEY: field('API key'),
        MALIPO_API_SECRET: field('API secret'),
      },
    });
    const created = JSON.parse(stdout);
    expect(created).toMatchObject({
      success: true,
      status: 'PENDING',
      payment_id: expect.stringMatching(/^pay_/),
    });

    await eventually(
      async () => printed,
      (text) =>
        text.includes(`received payment.completed ${created.payment_id} COMPLETED 10000 cents`),
    );

    // Structured logs for every request and job, and the secrets nowhere but the one-time banner.
    // The attempt is logged once recorded, which may be just after the receiver printed.
    const logs = await eventually(
      async () => gateway.output(),
      (text) => text.includes('"msg":"webhook attempt"'),
    );
    for (const secret of [field('API secret'), field('Webhook secret')]) {
      expect(logs.split(secret).length - 1).toBe(1);
    }
    expect(logs).not.toContain('254712345678');

    // A second start on the same data folder while the first runs is refused with the fix.
    const second = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'start'],
      {
        cwd: gatewayDir,
        env: { ...process.env, DATA_DIR: join(dir, 'data'), PORT: String(await freePort()) },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('is in use by another gateway process');
  }, 120_000);
});

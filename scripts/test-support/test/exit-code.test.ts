import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/failing-run', import.meta.url));
const vitest = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));

/** A port nothing listens on: the probe finds no PostgreSQL there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('a failing run that had to start an embedded PostgreSQL still exits non-zero', async () => {
  const env = { ...process.env };
  delete env.PG_TEST_URL;
  env.PG_TEST_PROBE_URL = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
  const child = spawn(process.execPath, [vitest, 'run', '--root', fixture], { env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(output).toContain('started an embedded one');
  expect(output).toContain('fails on purpose');
  expect(code).toBe(1);
});

/**
 * `pnpm test:example`: builds the app with `next build`, serves it with `next start` on a free
 * port, sends one delivery signed with
 * `@malipo/webhooks/testing` and one whose body was changed after signing, and exits non-zero
 * unless the first is answered 2xx and logged by the handler and the second is refused with 400
 * `signature_mismatch` without reaching the handler.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import { checkReceiverExample } from '../../../scripts/test-support/receiver-example.js';

const started = performance.now();
const appDir = fileURLToPath(new URL('..', import.meta.url));
const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const build = spawnSync(process.execPath, [nextCli, 'build', '--webpack'], {
  cwd: appDir,
  env,
  encoding: 'utf8',
});
if (build.status !== 0) {
  console.error(`FAIL next build exited with ${build.status}\n${build.stdout}${build.stderr}`);
  process.exit(1);
}
console.log(`ok  next build in ${Math.round(performance.now() - started)} ms`);

/** A port that was free a moment ago: `next start` cannot report the one it picked for 0. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const port = await freePort();
await checkReceiverExample({
  args: [nextCli, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
  cwd: appDir,
  env,
  secret: generateWebhookSecret(),
  sign: signTestWebhook,
  ready: /Ready in/,
  readyTimeoutMs: 20_000,
  url: () => `http://127.0.0.1:${port}/api/webhooks/malipo`,
});

/**
 * `pnpm test:example`: builds the app with `next build`, serves it with `next start` on a free
 * port, sends one delivery signed with
 * `@malipo/webhooks/testing` and one whose body was changed after signing, and exits non-zero
 * unless the first is answered 2xx and logged by the handler and the second is refused with 400
 * `signature_mismatch` without reaching the handler.
 *
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';

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
const secret = generateWebhookSecret();
const server = spawn(
  process.execPath,
  [nextCli, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
  {
    cwd: appDir,
    env: { ...env, MALIPO_WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const lines: string[] = [];
createInterface({ input: server.stdout }).on('line', (line) => lines.push(line));

/** Waits for a server log line matching `pattern`; fails if the server exits first. */
async function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const line of lines) {
      const match = line.match(pattern);
      if (match) return match;
    }
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    await sleep(20);
  }
  throw new Error(`no server log line matching ${pattern} within ${timeoutMs} ms`);
}

function check(condition: boolean, failure: string): asserts condition {
  if (!condition) throw new Error(failure);
}

/** A gateway `payment.completed` event, as the Malipo gateway sends it. */
function paymentCompleted(id: string) {
  return {
    id,
    event: 'payment.completed',
    payment_id: 'pay_example_1',
    merchant_id: 'mer_example_1',
    status: 'COMPLETED',
    amount_cents: 150_000,
    currency: 'KES',
    provider: 'mpesa',
    provider_reference: 'RKL1234ABC',
    timestamp: new Date().toISOString(),
    metadata: {},
  };
}

try {
  await waitForLine(/Ready in/, 20_000);
  const url = `http://127.0.0.1:${port}/api/webhooks/malipo`;

  const signed = await signTestWebhook(paymentCompleted('evt_example_signed'), { secret });
  const accepted = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
  const acceptedBody = await accepted.text();
  check(accepted.ok, `signed delivery: expected 2xx, got ${accepted.status} ${acceptedBody}`);
  await waitForLine(/handled payment\.completed evt_example_signed/, 2_000);
  console.log(`ok  signed delivery   -> ${accepted.status} ${acceptedBody}, handler ran`);

  const original = await signTestWebhook(paymentCompleted('evt_example_tampered'), { secret });
  const tampered = original.body.replace('"amount_cents":150000', '"amount_cents":1');
  check(tampered !== original.body, 'the test failed to change the signed body');
  const refused = await fetch(url, { method: 'POST', headers: original.headers, body: tampered });
  const refusedBody = await refused.text();
  check(
    refused.status === 400 && refusedBody.includes('"signature_mismatch"'),
    `tampered delivery: expected 400 signature_mismatch, got ${refused.status} ${refusedBody}`,
  );
  check(
    !lines.some((line) => line.includes('evt_example_tampered')),
    'tampered delivery reached the handler',
  );
  console.log(`ok  tampered delivery -> ${refused.status} signature_mismatch, handler not run`);
  console.log(`passed in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`FAIL ${(error as Error).message}`);
  console.error(lines.map((line) => `  server| ${line}`).join('\n'));
  process.exitCode = 1;
} finally {
  server.kill();
}

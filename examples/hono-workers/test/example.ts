/**
 * `pnpm test:example`: bundles `src/worker.ts` as Wrangler would and runs it in an Edge Runtime
 * VM (Web APIs only: no `process`, `Buffer` or `node:` modules), calling its `fetch` with the
 * secret in the per-request env as Workers do. Sends one delivery signed with
 * `@malipo/webhooks/testing` and one whose body was changed after signing, and exits non-zero
 * unless the first is answered 2xx and logged by the handler and the second is refused with 400
 * `signature_mismatch` without reaching the handler.
 *
 * Miniflare (workerd) is not used: it needs install scripts for `workerd` and `sharp`, which the
 * workspace does not approve, and about 170 MB.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import { build } from 'esbuild';

const started = performance.now();
const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../src/worker.ts', import.meta.url))],
  bundle: true,
  platform: 'browser',
  conditions: ['workerd', 'worker'],
  format: 'iife',
  globalName: 'worker',
  write: false,
  logLevel: 'silent',
});

const lines: string[] = [];
const vm = new EdgeVM({
  extend: (context) =>
    Object.assign(context, {
      console: { ...context.console, log: (...args: unknown[]) => lines.push(args.join(' ')) },
    }),
});
vm.evaluate(bundle.outputFiles[0]?.text ?? '');

const secret = generateWebhookSecret();
const env = { MALIPO_WEBHOOK_SECRET: secret };
const executionContext = { waitUntil: () => {}, passThroughOnException: () => {} };

/** Sends a request to the Worker inside the VM, built from the VM's own `Request`. */
async function dispatch(headers: Record<string, string>, body: string) {
  const request = new vm.context.Request('https://worker.example/webhooks/malipo', {
    method: 'POST',
    headers,
    body,
  });
  const response = await vm.context.worker.default.fetch(request, env, executionContext);
  return { status: response.status as number, body: (await response.text()) as string };
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
  check(vm.evaluate('typeof process') === 'undefined', 'the VM exposes Node globals');

  const signed = await signTestWebhook(paymentCompleted('evt_example_signed'), { secret });
  const accepted = await dispatch(signed.headers, signed.body);
  check(
    accepted.status >= 200 && accepted.status < 300,
    `signed delivery: expected 2xx, got ${accepted.status} ${accepted.body}`,
  );
  check(
    lines.some((line) => /handled payment\.completed evt_example_signed/.test(line)),
    'signed delivery: the handler did not log it',
  );
  console.log(`ok  signed delivery   -> ${accepted.status} ${accepted.body}, handler ran`);

  const original = await signTestWebhook(paymentCompleted('evt_example_tampered'), { secret });
  const tampered = original.body.replace('"amount_cents":150000', '"amount_cents":1');
  check(tampered !== original.body, 'the test failed to change the signed body');
  const refused = await dispatch(original.headers, tampered);
  check(
    refused.status === 400 && refused.body.includes('"signature_mismatch"'),
    `tampered delivery: expected 400 signature_mismatch, got ${refused.status} ${refused.body}`,
  );
  check(
    !lines.some((line) => line.includes('evt_example_tampered')),
    'tampered delivery reached the handler',
  );
  console.log(`ok  tampered delivery -> ${refused.status} signature_mismatch, handler not run`);
  console.log(`passed in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`FAIL ${(error as Error).message}`);
  console.error(lines.map((line) => `  worker| ${line}`).join('\n'));
  process.exitCode = 1;
}

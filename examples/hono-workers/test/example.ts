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
import { checkDeliveries } from '../../../scripts/test-support/receiver-example.js';

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

try {
  if (vm.evaluate('typeof process') !== 'undefined') throw new Error('the VM exposes Node globals');
  await checkDeliveries({
    secret,
    sign: signTestWebhook,
    send: dispatch,
    // The handler runs inside the Worker's fetch: it has logged by the time the answer is back.
    handled: async (id) => {
      if (!lines.some((line) => line.includes(`handled payment.completed ${id}`))) {
        throw new Error('signed delivery: the handler did not log it');
      }
    },
    mentioned: (id) => lines.some((line) => line.includes(id)),
  });
  console.log(`passed in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`FAIL ${(error as Error).message}`);
  console.error(lines.map((line) => `  worker| ${line}`).join('\n'));
  process.exitCode = 1;
}

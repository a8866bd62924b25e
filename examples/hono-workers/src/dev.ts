/**
 * `pnpm start`: runs the Worker in workerd, Cloudflare's runtime, through Miniflare: bundled as
 * Wrangler bundles it, with the bindings of wrangler.jsonc (the secret from
 * `MALIPO_WEBHOOK_SECRET`, the Durable Object namespace), on `PORT` (default 3000).
 * `npx wrangler dev` does the same; deploy with `npx wrangler deploy`.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const secret = process.env.MALIPO_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MALIPO_WEBHOOK_SECRET to your webhook endpoint secret (whsec_…).');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT: expected a port number (0 to 65535), got "${process.env.PORT}".`);
  process.exit(2);
}

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  write: false,
  logLevel: 'silent',
});

const worker = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0]?.text ?? '',
  compatibilityDate: '2026-07-01',
  host: '127.0.0.1',
  port,
  bindings: { MALIPO_WEBHOOK_SECRET: secret },
  durableObjects: { WEBHOOK_DELIVERIES: 'WebhookDeliveryObject' },
});
const url = await worker.ready;
console.log(`listening on ${url.origin}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void worker.dispose().then(() => process.exit(0)));
}

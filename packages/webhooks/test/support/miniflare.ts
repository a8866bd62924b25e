import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const entry = fileURLToPath(new URL('../workers/delivery-worker.ts', import.meta.url));

/**
 * The delivery Worker (test/workers/delivery-worker.ts) bundled as Wrangler would and run in
 * workerd through Miniflare, with its Durable Object and KV bindings.
 */
export async function startDeliveryWorker(secret: string): Promise<Miniflare> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    write: false,
  });
  const script = bundle.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no bundle');
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2026-07-01',
    durableObjects: { WEBHOOK_DELIVERIES: 'WebhookDeliveryObject' },
    kvNamespaces: ['RUNS'],
    bindings: { SECRET: secret },
  });
  await miniflare.ready;
  return miniflare;
}

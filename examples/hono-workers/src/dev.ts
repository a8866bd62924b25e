/**
 * `pnpm start`: serves the Worker on Node for local development, handing it `process.env` as
 * the per-request env a Workers runtime would. Deploy `src/worker.ts` itself with wrangler.
 *
 * @module
 */
import { serve } from '@hono/node-server';
import worker, { type Bindings } from './worker.js';

const secret = process.env.MALIPO_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MALIPO_WEBHOOK_SECRET to your webhook endpoint secret (whsec_…).');
  process.exit(2);
}
const env: Bindings = { MALIPO_WEBHOOK_SECRET: secret };

serve(
  { fetch: (request) => worker.fetch(request, env), port: Number(process.env.PORT ?? 3000) },
  (info) => console.log(`listening on http://localhost:${info.port}`),
);

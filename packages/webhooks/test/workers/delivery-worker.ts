// A Worker receiving signed webhooks the way Hono's per-request pattern builds its handler:
// anew for every request, from the request's env. /durable-object de-duplicates through the
// Durable Object store, /memory through the default in-memory store (fresh per request, so it
// cannot). Each handler run is recorded in the RUNS KV namespace for the test to count.
import { createWebhookHandler } from '../../src/index.js';
import {
  createDurableObjectIdempotencyStore,
  type DurableObjectNamespaceLike,
  WebhookDeliveryObject,
} from '../../src/stores/durable-object.js';

export { WebhookDeliveryObject };

interface Env {
  SECRET: string;
  WEBHOOK_DELIVERIES: DurableObjectNamespaceLike;
  RUNS: { put(key: string, value: string): Promise<void> };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const durable = new URL(request.url).pathname === '/durable-object';
    const handler = createWebhookHandler({
      secret: env.SECRET,
      ...(durable
        ? { store: createDurableObjectIdempotencyStore({ namespace: env.WEBHOOK_DELIVERIES }) }
        : {}),
      onEvent: async (_event, { deliveryId }) => {
        // Long enough for the concurrent copies to arrive while this one runs.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await env.RUNS.put(`${deliveryId}:${crypto.randomUUID()}`, '1');
      },
    });
    return handler(request);
  },
};

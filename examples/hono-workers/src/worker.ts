/**
 * A Cloudflare Worker (Hono) that receives Malipo webhooks on `POST /webhooks/malipo` with
 * `@malipo/hono`. Workers have no `process.env`: the `MALIPO_WEBHOOK_SECRET` binding arrives
 * with each request as `c.env`, so the handler is built per request, and its de-duplication
 * lives in a Durable Object (`WEBHOOK_DELIVERIES`), shared by every isolate, instead of in
 * memory that each request (and each isolate) would have afresh.
 *
 * @module
 */
import { isEventType, malipoWebhook } from '@malipo/hono';
import {
  createDurableObjectIdempotencyStore,
  type DurableObjectNamespaceLike,
  WebhookDeliveryObject,
} from '@malipo/webhooks/stores/durable-object';
import { Hono } from 'hono';

/** The Worker's bindings (wrangler.jsonc; `wrangler secret put MALIPO_WEBHOOK_SECRET`). */
export interface Bindings {
  MALIPO_WEBHOOK_SECRET: string;
  /** The Durable Object namespace of `WebhookDeliveryObject`. */
  WEBHOOK_DELIVERIES: DurableObjectNamespaceLike;
}

/** The class the `WEBHOOK_DELIVERIES` binding names: one object per delivery id. */
export { WebhookDeliveryObject };

const app = new Hono<{ Bindings: Bindings }>();

app.post('/webhooks/malipo', (c) =>
  malipoWebhook({
    secret: c.env.MALIPO_WEBHOOK_SECRET,
    store: createDurableObjectIdempotencyStore({ namespace: c.env.WEBHOOK_DELIVERIES }),
    onEvent: async (event, { deliveryId }) => {
      console.log(`handled ${event.event} ${event.id} (delivery ${deliveryId})`);
      if (isEventType(event, 'payment.completed')) {
        console.log(`payment ${event.payment_id} paid: ${event.amount_cents} cents`);
      }
    },
  })(c),
);

export default app;

/**
 * A Cloudflare Worker (Hono) that receives Malipo webhooks on `POST /webhooks/malipo` with
 * `@malipo/hono`. Workers have no `process.env`: the `MALIPO_WEBHOOK_SECRET` binding arrives
 * with each request as `c.env`.
 *
 * @module
 */
import { isEventType, malipoWebhook } from '@malipo/hono';
import { type Context, Hono } from 'hono';

/** The Worker's bindings (`wrangler secret put MALIPO_WEBHOOK_SECRET`). */
export interface Bindings {
  MALIPO_WEBHOOK_SECRET: string;
}

const app = new Hono<{ Bindings: Bindings }>();

let webhook: ((c: Context) => Promise<Response>) | undefined;

app.post('/webhooks/malipo', (c) => {
  // Bindings reach the Worker per request, not at module load: build the handler on the first
  // request and keep it, so its de-duplication memory lasts as long as the isolate.
  webhook ??= malipoWebhook({
    secret: c.env.MALIPO_WEBHOOK_SECRET,
    onEvent: async (event, { deliveryId }) => {
      console.log(`handled ${event.event} ${event.id} (delivery ${deliveryId})`);
      if (isEventType(event, 'payment.completed')) {
        console.log(`payment ${event.payment_id} paid: ${event.amount_cents} cents`);
      }
    },
  });
  return webhook(c);
});

export default app;

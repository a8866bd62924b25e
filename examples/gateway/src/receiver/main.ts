import { malipoWebhook } from '@malipo/express';
import express from 'express';

/**
 * A merchant's webhook receiver for trying the gateway out: verifies each delivery with
 * `@malipo/express` and prints the event. `MALIPO_WEBHOOK_SECRET` is the secret the gateway
 * printed; `RECEIVER_PORT` defaults to 4242.
 */
const secret = process.env.MALIPO_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MALIPO_WEBHOOK_SECRET to the webhook secret the gateway printed (whsec_…).');
  process.exit(2);
}
const port = Number(process.env.RECEIVER_PORT ?? 4242);
const app = express();
app.post(
  '/webhooks',
  malipoWebhook({
    secret,
    onEvent: (event) => {
      const { payment_id, status, amount_cents } = event as Record<string, unknown>;
      console.log(
        `received ${event.event} ${payment_id ?? ''} ${status ?? ''} ${amount_cents ?? ''} cents`,
      );
    },
    onError: (error) => console.error(`rejected a delivery: ${(error as Error).message}`),
  }),
);
app.listen(port, '127.0.0.1', () => {
  console.log(`Webhook receiver on http://127.0.0.1:${port}/webhooks`);
});

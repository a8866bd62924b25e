/**
 * An Express server that receives Malipo webhooks on `POST /webhooks/malipo`, mounted as the
 * `@malipo/express` README shows. `MALIPO_WEBHOOK_SECRET` is the endpoint's `whsec_…` secret;
 * `PORT` defaults to 3000 (`0` picks a free one, as the example's test does).
 *
 * @module
 */
import type { AddressInfo } from 'node:net';
import { isEventType, malipoWebhook } from '@malipo/express';
import express from 'express';

const secret = process.env.MALIPO_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MALIPO_WEBHOOK_SECRET to your webhook endpoint secret (whsec_…).');
  process.exit(2);
}

const app = express();

// Mounted BEFORE express.json(): the middleware verifies the raw bytes that were signed.
app.post(
  '/webhooks/malipo',
  malipoWebhook({
    secret,
    onEvent: async (event, { deliveryId }) => {
      console.log(`handled ${event.event} ${event.id} (delivery ${deliveryId})`);
      if (isEventType(event, 'payment.completed')) {
        console.log(`payment ${event.payment_id} paid: ${event.amount_cents} cents`);
      }
    },
  }),
);

app.use(express.json()); // the rest of your API
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`);
});

/**
 * A Fastify server that receives Malipo webhooks on `POST /webhooks/malipo`, registered as the
 * `@malipo/fastify` README shows. `MALIPO_WEBHOOK_SECRET` is the endpoint's `whsec_…` secret;
 * `PORT` defaults to 3000 (`0` picks a free one, as the example's test does).
 *
 * @module
 */
import { isEventType, malipoWebhook } from '@malipo/fastify';
import Fastify from 'fastify';

const secret = process.env.MALIPO_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set MALIPO_WEBHOOK_SECRET to your webhook endpoint secret (whsec_…).');
  process.exit(2);
}

const app = Fastify({ logger: true });

// The plugin takes raw bodies in its own scope; every other route keeps Fastify's JSON parsing.
await app.register(
  malipoWebhook({
    path: '/webhooks/malipo',
    secret,
    onEvent: async (event, { deliveryId }) => {
      app.log.info({ deliveryId }, `handled ${event.event} ${event.id}`);
      if (isEventType(event, 'payment.completed')) {
        app.log.info(`payment ${event.payment_id} paid: ${event.amount_cents} cents`);
      }
    },
  }),
);

app.post('/orders', async (request) => ({ order: request.body })); // still parsed JSON

await app.listen({ port: Number(process.env.PORT ?? 3000) }); // logs "Server listening at …"

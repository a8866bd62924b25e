import type { AddressInfo } from 'node:net';
import { malipoWebhook } from '@malipo/express';
import { isWebhookOptionsError } from '@malipo/webhooks';
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
const portText = process.env.RECEIVER_PORT || '4242';
const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
if (!(port <= 65_535)) {
  console.error(`RECEIVER_PORT must be a port number from 0 to 65535; got "${portText}".`);
  process.exit(2);
}

let webhooks: ReturnType<typeof malipoWebhook>;
try {
  webhooks = malipoWebhook({
    secret,
    onEvent: (event) => {
      const { payment_id, status, amount_cents } = event as Record<string, unknown>;
      console.log(
        `received ${event.event} ${payment_id ?? ''} ${status ?? ''} ${amount_cents ?? ''} cents`,
      );
    },
    onError: (error) => console.error(`rejected a delivery: ${(error as Error).message}`),
  });
} catch (error) {
  // A secret that could never verify: say so now, not with a 500 on every delivery.
  if (!isWebhookOptionsError(error) || error.field !== 'secret') throw error;
  console.error(
    `MALIPO_WEBHOOK_SECRET is not a usable webhook secret: ${error.message.replace(/^.*?`secret`: /, '')}`,
  );
  process.exit(2);
}

const app = express();
app.post('/webhooks', webhooks);
// Express 5 calls this with the error when the port cannot be taken.
const server = app.listen(port, '127.0.0.1', (error?: NodeJS.ErrnoException) => {
  if (error) {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use: set RECEIVER_PORT to another port.`
        : `The webhook receiver could not listen on 127.0.0.1:${port}: ${error.message}`,
    );
    process.exit(2);
  }
  // RECEIVER_PORT=0 takes any free port: print the one taken.
  const { port: taken } = server.address() as AddressInfo;
  console.log(`Webhook receiver on http://127.0.0.1:${taken}/webhooks`);
});

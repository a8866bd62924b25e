/**
 * `POST /api/webhooks/malipo`: an App Router route handler with `@malipo/next`.
 * `MALIPO_WEBHOOK_SECRET` is the endpoint's `whsec_…` secret. (`.js` so the example needs no
 * TypeScript setup; a `route.ts` is the same code.)
 */
import { isEventType, malipoWebhook } from '@malipo/next';

let handler;

export function POST(request) {
  // Built on the first request, not at import: `next build` imports every route to collect its
  // configuration, where a runtime secret is unset and the handler would refuse to build.
  handler ??= malipoWebhook({
    secret: process.env.MALIPO_WEBHOOK_SECRET,
    onEvent: async (event, { deliveryId }) => {
      console.log(`handled ${event.event} ${event.id} (delivery ${deliveryId})`);
      if (isEventType(event, 'payment.completed')) {
        console.log(`payment ${event.payment_id} paid: ${event.amount_cents} cents`);
      }
    },
  });
  return handler(request);
}

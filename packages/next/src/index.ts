/**
 * `@malipo/next` — Next.js handlers over `@malipo/webhooks`. App Router: `malipoWebhook` is the
 * canonical fetch handler, `export const POST = …` in a `route.ts`. Pages Router:
 * `malipoPagesWebhook` is an API route over the Node bridge, in a route that turns off Next's
 * body parser. Each verifies, de-duplicates and parses gateway webhooks. The guards for M-Pesa
 * callbacks, `darajaCallback` and `darajaPagesCallback`, are in `@malipo/next/daraja`.
 *
 * @module @malipo/next
 */

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';
export { malipoWebhook } from './app-router.js';
export { malipoPagesWebhook } from './pages-router.js';

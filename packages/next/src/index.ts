/**
 * `@malipo/next` — Next.js handlers over `@malipo/webhooks`. App Router: `malipoWebhook` and
 * `darajaCallback` are the canonical fetch handlers, `export const POST = …` in a `route.ts`.
 * Pages Router: `malipoPagesWebhook` and `darajaPagesCallback` are API routes over the Node
 * bridge, in routes that turn off Next's body parser. Each verifies, de-duplicates and parses
 * gateway webhooks, or guards M-Pesa callbacks.
 *
 * @module @malipo/next
 */

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';
export { darajaCallback, malipoWebhook, type NextDarajaCallbackOptions } from './app-router.js';
export { darajaPagesCallback, malipoPagesWebhook } from './pages-router.js';

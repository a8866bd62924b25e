import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/contract';
import { handleFetchRequest } from './fetch-bridge.js';
import { createWebhookCore } from './webhook-core.js';
import type { WebhookHandlerOptions } from './webhook-options.js';

/**
 * The canonical handler, `(Request) => Promise<Response>`: use it as is in Hono, Next.js route
 * handlers, Cloudflare Workers, Deno and Bun. Verifies, de-duplicates, parses the typed event
 * and calls `onEvent` once per delivery. Its options are checked here, when it is built: a
 * missing `secret` or an unusable limit throws `WebhookOptionsError` naming the option.
 *
 * @example
 * import { createWebhookHandler, isEventType } from '@malipo/webhooks';
 *
 * async function fulfil(paymentId: string): Promise<void> {
 *   // Your code: mark the order paid. Runs once per delivery.
 * }
 *
 * export const POST = createWebhookHandler({
 *   secret: process.env.MALIPO_WEBHOOK_SECRET!,
 *   onEvent: async (event) => {
 *     // `event.event === '…'` cannot narrow out UnknownGatewayEvent; isEventType can.
 *     if (isEventType(event, 'payment.completed')) await fulfil(event.payment_id);
 *   },
 * });
 */
export function createWebhookHandler<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const core = createWebhookCore(options);
  return (request) => handleFetchRequest(core, request);
}

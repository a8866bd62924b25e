import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import {
  createWebhookCore,
  handleFetchRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';

/** What `body_already_parsed` tells an App Router user to change. */
export const mountingHint =
  'Export the handler as the route itself (export const POST = malipoWebhook({ … }), or darajaCallback) so it gets the untouched request; to read the body too, read request.clone() first.';

/**
 * App Router route handler for signed webhooks (Standard Webhooks by default): the canonical
 * fetch handler. 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * // app/api/webhooks/route.ts
 * export const POST = malipoWebhook({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent });
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const core = createWebhookCore(options);
  return (request) => handleFetchRequest(core, request, { mountingHint });
}

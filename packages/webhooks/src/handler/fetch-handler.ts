import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/contract';
import { readRequestBody } from './read-limited.js';
import { toFetchResponse } from './responses.js';
import { createWebhookCore, type WebhookHandlerOptions } from './webhook-core.js';

/**
 * The canonical handler, `(Request) => Promise<Response>`: use it as is in Hono, Next.js route
 * handlers, Cloudflare Workers, Deno and Bun. Verifies, de-duplicates, parses the typed event
 * and calls `onEvent` once per delivery.
 *
 * @example
 * export const POST = createWebhookHandler({
 *   secret: process.env.MALIPO_WEBHOOK_SECRET!,
 *   onEvent: async (event) => { if (event.event === 'payment.completed') await fulfil(event.payment_id); },
 * });
 */
export function createWebhookHandler<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const core = createWebhookCore(options);
  return async (request) => {
    let body: Uint8Array;
    try {
      body = await readRequestBody(request, core.maxBodyBytes);
    } catch (error) {
      return toFetchResponse(core.fail(error));
    }
    return toFetchResponse(
      await core.handle({
        method: request.method,
        path: new URL(request.url).pathname,
        headers: request.headers,
        body,
      }),
    );
  };
}

/**
 * `@malipo/hono` — Hono handlers over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` from `@malipo/hono/daraja` guards
 * M-Pesa callbacks. Both are the canonical fetch handlers given `c.req.raw`, so they run
 * wherever Hono runs (Node, Bun, Deno, Workers). A body read earlier with `c.req.text()`, `c.req.json()` or
 * `c.req.arrayBuffer()` still verifies: Hono caches those bytes.
 *
 * @module @malipo/hono
 */
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import {
  createWebhookCore,
  handleFetchRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';
import type { Context } from 'hono';
import { mountingHint } from './internal/mounting-hint.js';
import { unreadRequest } from './internal/unread-request.js';

/**
 * Hono handler for signed webhooks (Standard Webhooks by default). Answers the sender itself:
 * 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * app.post('/webhooks/malipo', malipoWebhook({ secret: env.MALIPO_WEBHOOK_SECRET, onEvent }));
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (c: Context) => Promise<Response> {
  const core = createWebhookCore(options);
  return async (c) => handleFetchRequest(core, await unreadRequest(c.req), { mountingHint });
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

/**
 * `@malipo/koa` — Koa middleware over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` from `@malipo/koa/daraja` guards
 * M-Pesa callbacks. Each reads the raw body from `ctx.req` itself, or takes the raw text a body
 * parser kept in `ctx.request.rawBody` (`@koa/bodyparser` does); mount it before any other body
 * parser.
 *
 * @module @malipo/koa
 */
import {
  createWebhookCore,
  type GatewayEvent,
  type UnknownGatewayEvent,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { Middleware } from 'koa';
import { respond } from './respond.js';

/**
 * Koa middleware for signed webhooks (Standard Webhooks by default). Answers the sender itself
 * (it does not call `next`): 200 when handled or a duplicate, 4xx for bad deliveries, 500 when
 * `onEvent` throws.
 *
 * @example
 * router.post('/webhooks/malipo', malipoWebhook({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent }));
 * app.use(router.routes()).use(bodyParser()); // the parser after the webhook routes
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): Middleware {
  return respond(createWebhookCore(options));
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

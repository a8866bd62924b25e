/**
 * `@malipo/express` — Express middleware over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` from `@malipo/express/daraja`
 * guards M-Pesa callbacks. Each reads the raw body itself; mount it before `express.json()`.
 *
 * @module @malipo/express
 */
import {
  createWebhookCore,
  type GatewayEvent,
  handleNodeRequest,
  type UnknownGatewayEvent,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { RequestHandler } from 'express';
import { bodySources, mountingFix, send } from './express-bridge.js';

/**
 * Express middleware for signed webhooks (Standard Webhooks by default). Answers the sender
 * itself: 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * app.post('/webhooks/malipo', malipoWebhook({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent }));
 * app.use(express.json()); // after the webhook route
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): RequestHandler {
  const core = createWebhookCore(options);
  return (req, res, next) => {
    handleNodeRequest(core, req, bodySources(req), mountingFix).then(
      (answer) => send(res, answer),
      next,
    );
  };
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

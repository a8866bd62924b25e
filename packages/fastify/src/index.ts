/**
 * `@malipo/fastify` — Fastify plugins over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` from `@malipo/fastify/daraja`
 * guards M-Pesa callbacks. Each registers one POST route in its own encapsulated scope that
 * receives raw bytes, so the rest of your app keeps Fastify's JSON parsing. The bare route
 * handlers are exported for scopes that already keep raw bodies.
 *
 * @module @malipo/fastify
 */
import {
  createWebhookCore,
  type GatewayEvent,
  type UnknownGatewayEvent,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { FastifyPluginAsync } from 'fastify';
import {
  type FastifyRouteHandler,
  mountingFix,
  rawRoutePlugin,
  routeHandler,
} from './raw-route.js';

export type { FastifyRouteHandler } from './raw-route.js';

/** Options of the {@link malipoWebhook} plugin: the handler core's options and the route path. */
export interface FastifyWebhookOptions<E = GatewayEvent | UnknownGatewayEvent>
  extends WebhookHandlerOptions<E> {
  /** Route path, relative to the `prefix` the plugin is registered with, e.g. `/webhooks/malipo`. */
  path: string;
}

/**
 * Fastify route handler for signed webhooks, for a scope whose content-type parser keeps raw
 * bodies (a Buffer or string `request.body`, or `request.rawBody`). A body already parsed into
 * an object is answered 500 `body_already_parsed`. Prefer the {@link malipoWebhook} plugin.
 */
export function malipoWebhookHandler<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): FastifyRouteHandler {
  return routeHandler(
    createWebhookCore(options),
    mountingFix('malipoWebhook', 'malipoWebhookHandler'),
  );
}

/**
 * Fastify plugin registering `POST path` for signed webhooks (Standard Webhooks by default),
 * with raw bodies and a body limit of `maxBodyBytes` in its own scope. Answers the sender
 * itself: 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * await app.register(malipoWebhook({ path: '/webhooks/malipo', secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent }));
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: FastifyWebhookOptions<E>,
): FastifyPluginAsync {
  const { path, ...rest } = options;
  const core = createWebhookCore<E>(rest);
  return rawRoutePlugin(
    path,
    core,
    routeHandler(core, mountingFix('malipoWebhook', 'malipoWebhookHandler')),
  );
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

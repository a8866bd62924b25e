/**
 * `@malipo/koa` — Koa middleware over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` guards M-Pesa callbacks. Each
 * reads the raw body from `ctx.req` itself, or takes the raw text a body parser kept in
 * `ctx.request.rawBody` (`@koa/bodyparser` does); mount it before any other body parser.
 *
 * @module @malipo/koa
 */
import {
  type CoreResponse,
  createDarajaCallbackCore,
  createWebhookCore,
  type DarajaCallbackCore,
  type DarajaCallbackOptions,
  type GatewayEvent,
  handleNodeRequest,
  type UnknownGatewayEvent,
  type WebhookCore,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { Context, Middleware } from 'koa';

const mountingFix =
  "Mount the webhook route before any body parser: router.post('/webhooks', malipoWebhook({ … })) first, then app.use(bodyParser()). A parser in front must keep the raw text in ctx.request.rawBody, as @koa/bodyparser does.";

function send(ctx: Context, answer: CoreResponse): void {
  ctx.status = answer.status;
  ctx.set(answer.headers); // before the body, so Koa keeps our content type
  ctx.body = answer.body;
}

function respond(core: WebhookCore | DarajaCallbackCore): Middleware {
  return async (ctx) => {
    const { req } = ctx;
    const request = ctx.request as { rawBody?: unknown; body?: unknown };
    // ctx.request.rawBody: @koa/bodyparser; req.rawBody: platforms that parse before Koa.
    const rawBody = request.rawBody ?? (req as { rawBody?: unknown }).rawBody;
    // Koa mounts and routers may rewrite ctx.url; the Daraja guard needs the full path.
    const node = {
      method: req.method,
      url: ctx.originalUrl,
      headers: req.headers,
      socket: req.socket,
      readableEnded: req.readableEnded,
      [Symbol.asyncIterator]: () => req[Symbol.asyncIterator](),
    };
    send(ctx, await handleNodeRequest(core, node, { rawBody, body: request.body }, mountingFix));
  };
}

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

/**
 * Koa middleware guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP allowlist
 * (from the socket address), limits, parsing and Safaricom's acknowledgement.
 *
 * @example
 * router.post('/mpesa/callback/:token', darajaCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: DarajaCallbackOptions): Middleware {
  return respond(createDarajaCallbackCore(options));
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

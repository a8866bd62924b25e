/**
 * `@malipo/express` — Express middleware over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` guards M-Pesa callbacks. Each
 * reads the raw body itself; mount it before `express.json()`.
 *
 * @module @malipo/express
 */
import {
  type CoreResponse,
  createDarajaCallbackCore,
  createWebhookCore,
  type DarajaCallbackOptions,
  type GatewayEvent,
  handleNodeRequest,
  type UnknownGatewayEvent,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { Request, RequestHandler, Response } from 'express';

const mountingFix =
  "Mount the webhook route before express.json(): app.post('/webhooks', malipoWebhook({ … })) first, then app.use(express.json()). To keep a global parser, capture the bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).";

function send(res: Response, answer: CoreResponse): void {
  res.status(answer.status).set(answer.headers).send(answer.body);
}

function bodySources(req: Request) {
  return { rawBody: (req as Request & { rawBody?: unknown }).rawBody, body: req.body as unknown };
}

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

/**
 * Express middleware guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP
 * allowlist, limits, parsing and Safaricom's acknowledgement.
 *
 * @example
 * app.post('/mpesa/callback/:token', darajaCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: DarajaCallbackOptions): RequestHandler {
  const core = createDarajaCallbackCore(options);
  return (req, res, next) => {
    handleNodeRequest(
      core,
      { ...pick(req), url: req.originalUrl },
      bodySources(req),
      mountingFix,
    ).then((answer) => send(res, answer), next);
  };
}

// Express rewrites req.url under routers; the guard needs the full path to find its token.
function pick(req: Request) {
  return {
    method: req.method,
    headers: req.headers,
    socket: req.socket,
    readableEnded: req.readableEnded,
    [Symbol.asyncIterator]: () => req[Symbol.asyncIterator](),
  };
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

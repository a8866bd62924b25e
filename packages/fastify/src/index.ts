/**
 * `@malipo/fastify` — Fastify plugins over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` guards M-Pesa callbacks. Each
 * registers one POST route in its own encapsulated scope that receives raw bytes, so the rest
 * of your app keeps Fastify's JSON parsing. The bare route handlers are exported for scopes
 * that already keep raw bodies.
 *
 * @module @malipo/fastify
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
  WebhookVerificationError,
} from '@malipo/webhooks';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** A Fastify route handler, for `app.post(path, handler)` in a scope that keeps raw bodies. */
export type FastifyRouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Options of the {@link malipoWebhook} plugin: the handler core's options and the route path. */
export interface FastifyWebhookOptions<E = GatewayEvent | UnknownGatewayEvent>
  extends WebhookHandlerOptions<E> {
  /** Route path, relative to the `prefix` the plugin is registered with, e.g. `/webhooks/malipo`. */
  path: string;
}

/** Options of the {@link darajaCallback} plugin: the guard's options and the route path. */
export interface FastifyDarajaCallbackOptions extends DarajaCallbackOptions {
  /** Route path ending in the token segment, e.g. `/mpesa/callback/:token`. */
  path: string;
}

type Core = WebhookCore | DarajaCallbackCore;

const mountingFix = (plugin: string, handler: string) =>
  `Register the route with its plugin, which reads raw bytes in its own scope: app.register(${plugin}({ path, … })) instead of app.post(path, ${handler}(…)). A bare handler needs a raw-body scope: scope.removeAllContentTypeParsers(); scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body)).`;

function send(reply: FastifyReply, answer: CoreResponse): void {
  reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function routeHandler(core: Core, hint: string): FastifyRouteHandler {
  return async (request, reply) => {
    // `request.rawBody` is where fastify-raw-body keeps the bytes, if it is in use.
    const sources = { rawBody: (request as { rawBody?: unknown }).rawBody, body: request.body };
    send(reply, await handleNodeRequest(core, request.raw, sources, hint));
  };
}

/** Fastify's own body errors, answered in the core's error envelope. */
function parserError(core: Core) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const mapped =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new WebhookVerificationError(
            'payload_too_large',
            `the body exceeds the ${core.maxBodyBytes}-byte limit.`,
          )
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? new WebhookVerificationError(
              'unsupported_media_type',
              'expected an application/json body, got a malformed content type.',
            )
          : undefined;
    if (!mapped) throw error; // the parent scope's error handler answers the rest
    send(reply, core.fail(mapped));
  };
}

function rawRoutePlugin(path: string, core: Core, handler: FastifyRouteHandler) {
  const plugin: FastifyPluginAsync = async (scope) => {
    // Encapsulated: only this plugin's route gets raw Buffers, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    const limit = core.maxBodyBytes;
    const bodyLimit = Number.isSafeInteger(limit) && limit > 0 ? limit : undefined;
    scope.post(path, { bodyLimit, errorHandler: parserError(core) }, handler);
  };
  return plugin;
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

/**
 * Fastify route handler guarding a Daraja (M-Pesa) callback URL, for a scope that keeps raw
 * bodies. Prefer the {@link darajaCallback} plugin.
 */
export function darajaCallbackHandler(options: DarajaCallbackOptions): FastifyRouteHandler {
  return routeHandler(
    createDarajaCallbackCore(options),
    mountingFix('darajaCallback', 'darajaCallbackHandler'),
  );
}

/**
 * Fastify plugin registering `POST path` as a guarded Daraja (M-Pesa) callback URL: path token,
 * Safaricom IP allowlist (from the socket address), limits, parsing and Safaricom's
 * acknowledgement.
 *
 * @example
 * await app.register(darajaCallback({ path: '/mpesa/callback/:token', pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: FastifyDarajaCallbackOptions): FastifyPluginAsync {
  const { path, ...rest } = options;
  const core = createDarajaCallbackCore(rest);
  return rawRoutePlugin(
    path,
    core,
    routeHandler(core, mountingFix('darajaCallback', 'darajaCallbackHandler')),
  );
}

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

import { WebhookVerificationError } from '@malipo/webhooks';
import {
  type CoreResponse,
  type HandlerCore,
  handleNodeRequest,
  lastSegmentBounds,
  screenNodeRequest,
} from '@malipo/webhooks/adapter';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** A Fastify route handler, for `app.post(path, handler)` in a scope that keeps raw bodies. */
export type FastifyRouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** What `body_already_parsed` tells a Fastify user to change, for one plugin and its bare handler. */
export const mountingFix = (plugin: string, handler: string) =>
  `Register the route with its plugin, which reads raw bytes in its own scope: app.register(${plugin}({ path, … })) instead of app.post(path, ${handler}(…)). A bare handler needs a raw-body scope: scope.removeAllContentTypeParsers(); scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body)).`;

function send(reply: FastifyReply, answer: CoreResponse): void {
  reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/** A route handler running a handler core (the webhook handler's or the Daraja guard's). */
export function routeHandler(core: HandlerCore, hint: string): FastifyRouteHandler {
  return async (request, reply) => {
    // `request.rawBody` is where fastify-raw-body keeps the bytes, if it is in use.
    const sources = { rawBody: (request as { rawBody?: unknown }).rawBody, body: request.body };
    send(reply, await handleNodeRequest(core, request.raw, sources, hint));
  };
}

/** Fastify's own body errors, answered in the core's error envelope. */
function parserError(core: HandlerCore) {
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

/**
 * The URL with its last path segment (the Daraja route token, a secret) replaced, for logs.
 * Fastify's default request serializer otherwise logs every callback's token.
 */
export function redactLastSegment(url: string): string {
  const [start, end] = lastSegmentBounds(url);
  return start < end ? `${url.slice(0, start)}[redacted]${url.slice(end)}` : url;
}

/** Fastify's default `req` log fields, with the route token redacted from the URL. */
const tokenRedactingSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactLastSegment(request.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

/** Options of {@link rawRoutePlugin}. */
export interface RawRouteOptions {
  /** The last path segment is a secret (the Daraja route token): keep it out of request logs. */
  secretLastSegment?: boolean;
}

/**
 * A plugin registering `POST path` with raw bodies and the core's body limit in its own scope.
 * An `onRequest` hook lets the core refuse from the request line and headers before Fastify
 * reads any of the body (a wrong route token, an address outside the allowlist, a declared
 * length over the limit).
 */
export function rawRoutePlugin(
  path: string,
  core: HandlerCore,
  handler: FastifyRouteHandler,
  options: RawRouteOptions = {},
) {
  const plugin: FastifyPluginAsync = async (scope) => {
    // Encapsulated: only this plugin's route gets raw Buffers, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    // Fastify takes a whole number: a core limit past 2^53 (or Infinity) is as good as none,
    // and leaving it unset would apply Fastify's own 1 MiB instead.
    const limit = core.maxBodyBytes;
    const bodyLimit = Number.isSafeInteger(limit) && limit > 0 ? limit : Number.MAX_SAFE_INTEGER;
    scope.post(
      path,
      {
        bodyLimit,
        errorHandler: parserError(core),
        ...(options.secretLastSegment ? { logSerializers: tokenRedactingSerializers } : {}),
        onRequest: async (request, reply) => {
          const refused = screenNodeRequest(core, request.raw);
          if (refused) {
            send(reply, refused);
            return reply;
          }
          return undefined;
        },
      },
      handler,
    );
  };
  return plugin;
}

import { WebhookVerificationError } from '../errors/webhook-error.js';
import type { HeadersLike } from '../internal/headers.js';
import { readLimited } from './read-limited.js';
import type { CoreRequest, CoreResponse, HandlerCore } from './types.js';
import { failUnreadableBody } from './unreadable-body.js';

/** The parts of Node's `IncomingMessage` (and frameworks' wrappers) the bridge reads. */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  method?: string | undefined;
  url?: string | undefined;
  headers: HeadersLike;
  socket?: { remoteAddress?: string | undefined } | undefined;
  readableEnded?: boolean | undefined;
}

/** Where a framework may have put the body already. */
export interface NodeBodySources {
  /** A raw body captured by a parser hook (`req.rawBody`, `ctx.request.rawBody`). */
  rawBody?: unknown;
  /** What the framework calls the body (`req.body`, `ctx.request.body`, Fastify's `request.body`). */
  body?: unknown;
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/**
 * Gets the exact body bytes: a captured raw body, then a Buffer or string body, then the unread
 * stream. A body already parsed into an object (or a consumed stream) fails with
 * `body_already_parsed` and `mountingHint` (how to mount it right in that framework).
 */
export async function readNodeBody(
  request: NodeRequestLike,
  sources: NodeBodySources,
  maxBytes: number,
  mountingHint: string,
): Promise<Uint8Array | string> {
  if (isBytes(sources.rawBody) || typeof sources.rawBody === 'string') return sources.rawBody;
  if (isBytes(sources.body) || typeof sources.body === 'string') return sources.body;
  if (sources.body !== undefined && sources.body !== null && !request.readableEnded) {
    // A parser produced an object but the stream is still unread (unusual): read the stream.
    return readLimited(request, maxBytes);
  }
  if (sources.body !== undefined && sources.body !== null) {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `a body parser turned the webhook body into an object before verification, so the signed bytes are gone. ${mountingHint}`,
    );
  }
  if (request.readableEnded) {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `the request stream was consumed before verification. ${mountingHint}`,
    );
  }
  return readLimited(request, maxBytes);
}

/** Builds the core's request from a Node request and its body. */
export function toCoreRequest(request: NodeRequestLike, body: Uint8Array | string): CoreRequest {
  return {
    method: request.method ?? 'GET',
    path: request.url ? request.url.split('?')[0] : undefined,
    headers: request.headers,
    body,
    remoteAddress: request.socket?.remoteAddress,
  };
}

/**
 * The core's answer to a Node request before its body is read (see `HandlerCore.screen`), or
 * `undefined` to read on. `handleNodeRequest` runs it first; a framework that reads bodies
 * itself (Fastify) runs it in a hook before that.
 */
export function screenNodeRequest(
  core: HandlerCore,
  request: NodeRequestLike,
): CoreResponse | undefined {
  return core.screen?.(toCoreRequest(request, ''));
}

/** The bridge every Node adapter uses: read the body the right way, run the core, return its answer. */
export async function handleNodeRequest(
  core: HandlerCore,
  request: NodeRequestLike,
  sources: NodeBodySources,
  mountingHint: string,
): Promise<CoreResponse> {
  const refused = screenNodeRequest(core, request);
  if (refused) return refused;
  let body: Uint8Array | string;
  try {
    body = await readNodeBody(request, sources, core.maxBodyBytes, mountingHint);
  } catch (error) {
    return failUnreadableBody(core, error);
  }
  return core.handle(toCoreRequest(request, body));
}

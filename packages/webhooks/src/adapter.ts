/**
 * `@malipo/webhooks/adapter` — what a framework adapter is built from: the webhook handler's
 * core (a {@link HandlerCore}, the shape `createDarajaCallbackCore` from
 * `@malipo/webhooks/daraja` shares) and the two bridges that feed them, `handleFetchRequest` for
 * frameworks that hand over a Fetch `Request` and `handleNodeRequest` for those built on Node's
 * `IncomingMessage`; and `lastSegmentBounds`, where the Daraja route token sits in a URL (to keep
 * it out of logs). An adapter adds how its framework exposes the body and the peer address, a
 * mounting hint, and how it writes the answer.
 *
 * @module @malipo/webhooks/adapter
 */

export { lastSegmentBounds } from './daraja/route-token.js';
export {
  type FetchCallbackContext,
  type FetchRequestContext,
  handleFetchRequest,
} from './handler/fetch-bridge.js';
export {
  handleNodeRequest,
  type NodeBodySources,
  type NodeRequestLike,
  readNodeBody,
  screenNodeRequest,
} from './handler/node-bridge.js';
export { toFetchResponse } from './handler/responses.js';
export type {
  CoreRequest,
  CoreRequestHead,
  CoreResponse,
  HandlerCore,
} from './handler/types.js';
export { createWebhookCore, type WebhookCore } from './handler/webhook-core.js';
export type { WebhookContext, WebhookHandlerOptions } from './handler/webhook-options.js';

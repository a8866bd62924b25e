/**
 * `@malipo/webhooks` — sign and verify webhooks on every runtime: Standard Webhooks (HMAC `v1`
 * and Ed25519 `v1a`, rotation), the Malipo gateway's `X-Webhook-Signature`, the Go M-Pesa
 * gateway microservice's `X-Signature` and other gateways' HMAC headers, and Stripe; one
 * framework-agnostic handler core with duplicate protection and typed gateway events. WebCrypto
 * here; `node:crypto` under Node's `node` export condition. The guard for Safaricom Daraja
 * callbacks is `@malipo/webhooks/daraja` (with `@malipo/daraja` installed). Framework adapters
 * are built from `@malipo/webhooks/adapter`; the webhook core and the bridges are also exported
 * here for adapters written against earlier versions. Shared de-duplication stores live in
 * `@malipo/webhooks/stores/postgres`, `…/stores/redis` and `…/stores/durable-object`.
 *
 * @module @malipo/webhooks
 * @mergeModuleWith <project>
 */

export {
  type CheckoutSessionEvent,
  type EventOfType,
  type GatewayEvent,
  type GatewayEventType,
  gatewayEventTypes,
  isEventType,
  type PaymentEvent,
  type PayoutEvent,
  parseGatewayEvent,
  type RefundEvent,
  type UnknownGatewayEvent,
} from '@malipo/contract';
export { defaultCrypto, setDefaultCrypto } from './crypto/default-provider.js';
export type { DigestEncoding, HmacAlgorithm, WebhookCrypto } from './crypto/provider.js';
export { webCryptoProvider } from './crypto/web-crypto.js';
export {
  isWebhookOptionsError,
  WebhookOptionsError,
} from './errors/options-error.js';
export {
  isWebhookVerificationError,
  type WebhookErrorCode,
  WebhookVerificationError,
  webhookErrorStatus,
} from './errors/webhook-error.js';
export type { DeduplicationOptions } from './handler/core-options.js';
export type { FetchCallbackContext } from './handler/fetch-bridge.js';
export { createWebhookHandler } from './handler/fetch-handler.js';
export {
  handleNodeRequest,
  type NodeBodySources,
  type NodeRequestLike,
  readNodeBody,
} from './handler/node-bridge.js';
export { toFetchResponse } from './handler/responses.js';
export type { CoreRequest, CoreResponse } from './handler/types.js';
export { createWebhookCore, type WebhookCore } from './handler/webhook-core.js';
export type { WebhookContext, WebhookHandlerOptions } from './handler/webhook-options.js';
export {
  createMemoryIdempotencyStore,
  type DeliveryState,
  type IdempotencyStore,
} from './idempotency/store.js';
export type { HeadersLike } from './internal/headers.js';
export { createHmacScheme, type HmacSchemeConfig } from './schemes/hmac.js';
export {
  githubHmac,
  kopokopoHmac,
  paystackHmac,
  shopifyHmac,
  webhookSignatureHmac,
  xSignatureHmac,
} from './schemes/presets.js';
export type {
  SignOptions,
  VerifiedWebhook,
  VerifyOptions,
  WebhookPayload,
  WebhookScheme,
  WebhookSecrets,
  WebhookTolerance,
} from './schemes/scheme.js';
export { standardWebhooks } from './schemes/standard-webhooks/scheme.js';
export { stripeSignature } from './schemes/stripe.js';
export { type SafeVerifyResult, safeVerifyWebhook, verifyWebhook } from './verify-webhook.js';

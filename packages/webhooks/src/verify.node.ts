/**
 * `@malipo/webhooks/verify` under Node's `node` export condition: the same API as the default
 * build, verifying with `node:crypto` (several times faster than WebCrypto for small bodies).
 *
 * @module @malipo/webhooks/verify
 */
import { nodeCryptoProvider } from './crypto/node-crypto.js';
import type { HeadersLike } from './internal/headers.js';
import type { VerifiedWebhook, WebhookPayload } from './schemes/scheme.js';
import {
  type StandardVerifyOptions,
  verifyStandardHmac,
} from './schemes/standard-webhooks/verify-hmac.js';

export {
  isWebhookVerificationError,
  type WebhookErrorCode,
  WebhookVerificationError,
} from './errors/webhook-error.js';
export type { HeadersLike } from './internal/headers.js';
export type { VerifiedWebhook, WebhookPayload } from './schemes/scheme.js';
export type { StandardVerifyOptions } from './schemes/standard-webhooks/verify-hmac.js';

/**
 * Verifies a Standard Webhooks `v1` delivery: the same checks and errors as
 * `verifyWebhook(standardWebhooks, …)` from `@malipo/webhooks`, for `whsec_` secrets. Throws
 * `WebhookVerificationError` (stable `code`, HTTP `status`); a `whpk_` key is refused with
 * `invalid_secret`. The payload must be the raw body, never a parsed object.
 *
 * @example
 * const body = await request.text();
 * await verifyStandardWebhook(body, request.headers, { secret: env.MALIPO_WEBHOOK_SECRET });
 */
export function verifyStandardWebhook(
  payload: WebhookPayload,
  headers: HeadersLike,
  options: StandardVerifyOptions,
): Promise<VerifiedWebhook> {
  return verifyStandardHmac(nodeCryptoProvider.hmac, payload, headers, options);
}

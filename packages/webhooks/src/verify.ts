/**
 * `@malipo/webhooks/verify` — the smallest import that verifies a Standard Webhooks delivery:
 * `v1` signatures (HMAC-SHA256 with `whsec_` secrets, several signatures per header, several
 * secrets for rotation, the replay window in both directions), for browser, edge and serverless
 * bundles where every kilobyte counts. Ed25519 (`v1a`), signing, the other schemes and the
 * handler core are in `@malipo/webhooks`. WebCrypto here; `node:crypto` under Node's `node`
 * export condition.
 *
 * @module @malipo/webhooks/verify
 */
import type { WebhookCrypto } from './crypto/provider.js';
import { webCryptoMac } from './crypto/web-crypto-hmac.js';
import { toBase64 } from './internal/encoding.js';
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

// Standard Webhooks signatures are base64: only that encoder is bundled.
const hmacBase64 = async (...[algorithm, key, parts]: Parameters<WebhookCrypto['hmac']>) =>
  toBase64(await webCryptoMac(algorithm, key, parts));

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
  return verifyStandardHmac(hmacBase64, payload, headers, options);
}

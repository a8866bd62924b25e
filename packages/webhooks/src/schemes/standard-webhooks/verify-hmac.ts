import type { WebhookCrypto } from '../../crypto/provider.js';
import { toBytes } from '../../internal/encoding.js';
import type { HeadersLike } from '../../internal/headers.js';
import { assertVerifiable } from '../../internal/raw-input.js';
import type { VerifiedWebhook, VerifyOptions, WebhookPayload } from '../scheme.js';
import { readDelivery } from './delivery.js';
import { parseHmacKeys } from './keys.js';
import { hasV1Signature, unmatchedSignature } from './signatures.js';

/** Options of `verifyStandardWebhook`: those of `verifyWebhook`, its HMAC being the entry's own. */
export type StandardVerifyOptions = Omit<VerifyOptions, 'crypto'>;

/**
 * Standard Webhooks `v1` (HMAC-SHA256) verification alone: what `@malipo/webhooks/verify`
 * ships, without Ed25519, signing or the other schemes. `hmac` is the entry's own: WebCrypto,
 * or `node:crypto` under Node.
 */
export async function verifyStandardHmac(
  hmac: WebhookCrypto['hmac'],
  payload: WebhookPayload,
  headers: HeadersLike,
  options: StandardVerifyOptions,
): Promise<VerifiedWebhook> {
  assertVerifiable(payload, headers, options);
  const keys = parseHmacKeys(options.secret);
  const delivery = readDelivery(headers, options);
  const body = typeof payload === 'string' ? payload : toBytes(payload);
  for (const key of keys) {
    const digest = hmac('SHA-256', key, [delivery.signedPrefix, body], 'base64');
    // node:crypto answers synchronously: skip the extra microtask of awaiting a plain string.
    const expected = typeof digest === 'string' ? digest : await digest;
    if (hasV1Signature(delivery.signatures, expected)) {
      return { id: delivery.id, timestamp: delivery.timestamp };
    }
  }
  throw unmatchedSignature(delivery.signatures);
}

import type { WebhookCrypto } from '../../crypto/provider.js';
import { WebhookVerificationError } from '../../errors/webhook-error.js';
import type { StandardDelivery } from './delivery.js';
import { hasV1aSignature } from './ed25519.js';
import type { ParsedKey } from './keys.js';
import { hasV1Signature } from './signatures.js';

/**
 * Whether a signature of the delivery matches one of `keys`, tried in order: answered directly
 * while the provider answers synchronously (node:crypto's HMAC), else as a promise. Not an async
 * function: one that contains an `await` allocates its suspended frame on every call, awaited or
 * not, which was a measurable share of a 1 KB verify on the node:crypto path.
 */
export function matchKeys(
  provider: WebhookCrypto,
  keys: readonly ParsedKey[],
  delivery: StandardDelivery,
  body: string | Uint8Array,
  from = 0,
): boolean | Promise<boolean> {
  for (let i = from; i < keys.length; i++) {
    const match = matchKey(provider, keys[i]!, delivery, body);
    if (match === true) return true;
    if (match !== false) {
      return match.then((matched) => matched || matchKeys(provider, keys, delivery, body, i + 1));
    }
  }
  return false;
}

/** A `whsk_` key given to verify: only the sender should hold it, and it verifies nothing. */
export function privateKeyRefused(): WebhookVerificationError {
  return new WebhookVerificationError(
    'invalid_secret',
    'verify with the whpk_ public key, not the whsk_ private key (which only the sender should hold).',
  );
}

function matchKey(
  provider: WebhookCrypto,
  key: ParsedKey,
  delivery: StandardDelivery,
  body: string | Uint8Array,
): boolean | Promise<boolean> {
  if (key.kind === 'public') return hasV1aSignature(provider, key.key, delivery, body);
  if (key.kind === 'private') throw privateKeyRefused();
  const digest = provider.hmac('SHA-256', key.key, [delivery.signedPrefix, body], 'base64');
  return typeof digest === 'string'
    ? hasV1Signature(delivery.signatures, digest)
    : digest.then((expected) => hasV1Signature(delivery.signatures, expected));
}

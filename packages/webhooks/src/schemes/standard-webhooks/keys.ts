import { WebhookVerificationError } from '../../errors/webhook-error.js';
import { fromStrictBase64 } from '../../internal/encoding.js';
import { secretParser } from '../secrets.js';

type KeyPrefix = 'whsec' | 'whpk' | 'whsk';

/** A Standard Webhooks key string: its prefix (`whsec` when it has none) and its bytes. */
function decodeKey(secret: string): { prefix: KeyPrefix; bytes: Uint8Array } {
  const trimmed = secret.trim();
  const prefix = /^(whsec|whpk|whsk)_/.exec(trimmed)?.[1] as KeyPrefix | undefined;
  const bytes = fromStrictBase64(prefix ? trimmed.slice(prefix.length + 1) : trimmed);
  if (!bytes || bytes.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `a ${prefix ?? 'whsec'}_ secret must be base64 (A–Z, a–z, 0–9, "+", "/", "=" padding) after its prefix, written once; copy it exactly as the sender shows it.`,
    );
  }
  return { prefix: prefix ?? 'whsec', bytes };
}

export type ParsedKey =
  | { kind: 'symmetric'; key: Uint8Array }
  | { kind: 'public'; key: Uint8Array }
  | { kind: 'private'; privateKey: Uint8Array };

/**
 * Reads Standard Webhooks keys: `whsec_` + base64 (HMAC, `v1`; the prefix is optional),
 * `whpk_` + base64 (Ed25519 public key, verifies `v1a`), `whsk_` + base64 (Ed25519 private key,
 * signs `v1a`; the 32-byte private key, or the private key followed by the public key).
 */
export const parseKeys = /* @__PURE__ */ secretParser((secret): ParsedKey => {
  const { prefix, bytes } = decodeKey(secret);
  if (prefix === 'whsec') return { kind: 'symmetric', key: bytes };
  if (prefix === 'whpk') {
    if (bytes.length !== 32)
      throw new WebhookVerificationError(
        'invalid_secret',
        'a whpk_ key must hold a 32-byte Ed25519 public key.',
      );
    return { kind: 'public', key: bytes };
  }
  if (bytes.length !== 32 && bytes.length !== 64) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'a whsk_ key must hold a 32-byte Ed25519 private key (optionally followed by the public key).',
    );
  }
  return { kind: 'private', privateKey: bytes.subarray(0, 32) };
});

/** Reads `whsec_` secrets only, for the HMAC-only `/verify` entry. */
export const parseHmacKeys = /* @__PURE__ */ secretParser((secret) => {
  const { prefix, bytes } = decodeKey(secret);
  if (prefix !== 'whsec') {
    throw new WebhookVerificationError(
      'invalid_secret',
      `${prefix}_ keys are Ed25519, which this entry does not check: verify them with standardWebhooks from @malipo/webhooks.`,
    );
  }
  return bytes;
});

import { defaultCrypto } from '../crypto/default-provider.js';
import { WebhookVerificationError } from '../errors/webhook-error.js';
import { constantTimeEqual } from '../internal/constant-time.js';
import { concatBytes, fromBase64, toBase64, toBytes, utf8 } from '../internal/encoding.js';
import { readHeader } from '../internal/headers.js';
import type { WebhookScheme } from './scheme.js';
import { memo, secretList } from './secrets.js';
import { checkTimestamp, nowSeconds } from './timestamp.js';

type ParsedKey =
  | { kind: 'symmetric'; key: Uint8Array }
  | { kind: 'public'; key: Uint8Array }
  | { kind: 'private'; privateKey: Uint8Array };

/**
 * Reads a Standard Webhooks key: `whsec_` + base64 (HMAC, `v1`; the prefix is optional),
 * `whpk_` + base64 (Ed25519 public key, verifies `v1a`), `whsk_` + base64 (Ed25519 private key,
 * signs `v1a`; the 32-byte private key, or the private key followed by the public key).
 */
const parseKey = /* @__PURE__ */ memo((secret: string): ParsedKey => {
  const trimmed = secret.trim();
  const [prefix, body] = /^(whsec|whpk|whsk)_/.test(trimmed)
    ? [trimmed.slice(0, trimmed.indexOf('_')), trimmed.slice(trimmed.indexOf('_') + 1)]
    : ['whsec', trimmed];
  const bytes = fromBase64(body);
  if (!bytes || bytes.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      `a ${prefix}_ secret must be base64 after its prefix; copy it exactly as the sender shows it.`,
    );
  }
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

const headerNames = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
};

function required(headers: Parameters<WebhookScheme['verify']>[1], name: string): string {
  const value = readHeader(headers, name)?.trim();
  if (!value) {
    throw new WebhookVerificationError(
      'missing_header',
      `the ${name} header is missing; this endpoint expects Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
    );
  }
  return value;
}

// The common single-secret case parses once and allocates nothing per request.
const parseSecret = /* @__PURE__ */ memo((secret: string) => [parseKey(secret)]);
const parseSecrets = (secret: unknown): ParsedKey[] =>
  typeof secret === 'string' && secret.trim() !== ''
    ? parseSecret(secret)
    : secretList(secret).map(parseKey);

/** Signatures read from one header: enough for any rotation, too few to amplify work. */
const maxSignatures = 16;

/**
 * Standard Webhooks (spec 1.0): `${id}.${timestamp}.${payload}` signed with HMAC-SHA256
 * (`v1,<base64>`, `whsec_` secrets) or Ed25519 (`v1a,<base64>`, `whsk_`/`whpk_` keys), several
 * space-separated signatures per header, ±300 s replay window by default.
 *
 * @example
 * await standardWebhooks.verify(rawBody, request.headers, { secret: process.env.WEBHOOK_SECRET! });
 */
export const standardWebhooks: WebhookScheme = {
  name: 'standard-webhooks',

  async verify(payload, headers, options) {
    const keys = parseSecrets(options.secret);
    const id = required(headers, headerNames.id);
    const timestampText = required(headers, headerNames.timestamp);
    const signatureHeader = required(headers, headerNames.signature);
    const timestamp = checkTimestamp(timestampText, headerNames.timestamp, options);
    const provider = options.crypto ?? defaultCrypto();
    const prefix = `${id}.${timestampText}.`;
    const body = typeof payload === 'string' ? payload : toBytes(payload);

    const entries = signatureHeader.split(' ');
    if (entries.length > maxSignatures) {
      // Each v1a entry costs an Ed25519 verification: an unsigned request must not buy many.
      throw new WebhookVerificationError(
        'invalid_header',
        `the webhook-signature header holds ${entries.length} signatures; at most ${maxSignatures} are read.`,
      );
    }
    let signed = false;
    let signedBytes: Uint8Array | undefined;
    for (const key of keys) {
      if (key.kind === 'symmetric') {
        // node:crypto answers synchronously: skip the extra microtask of awaiting a plain string.
        const digest = provider.hmac('SHA-256', key.key, [prefix, body], 'base64');
        const expected = typeof digest === 'string' ? digest : await digest;
        for (const entry of entries) {
          if (!entry.startsWith('v1,')) continue;
          signed = true;
          if (constantTimeEqual(entry, expected, 3)) return { id, timestamp };
        }
      } else if (key.kind === 'public') {
        for (const entry of entries) {
          if (!entry.startsWith('v1a,')) continue;
          signed = true;
          const signature = fromBase64(entry.slice(4));
          signedBytes ??= concatBytes([utf8(prefix), toBytes(body)]);
          if (
            signature?.length === 64 &&
            (await provider.ed25519Verify(key.key, signature, signedBytes))
          ) {
            return { id, timestamp };
          }
        }
      } else {
        throw new WebhookVerificationError(
          'invalid_secret',
          'verify with the whpk_ public key, not the whsk_ private key (which only the sender should hold).',
        );
      }
    }
    if (!signed && !entries.some((e) => e.startsWith('v1,') || e.startsWith('v1a,'))) {
      throw new WebhookVerificationError(
        'invalid_header',
        'the webhook-signature header holds no v1 or v1a signature.',
      );
    }
    throw new WebhookVerificationError(
      'signature_mismatch',
      'no signature matches the configured secret(s). Check the secret, and verify the raw body exactly as received (not re-serialised JSON).',
    );
  },

  async sign(payload, options) {
    const keys = parseSecrets(options.secret);
    const provider = options.crypto ?? defaultCrypto();
    const id = options.id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
    const timestamp = String(options.timestamp ?? nowSeconds());
    const prefix = `${id}.${timestamp}.`;
    const body = typeof payload === 'string' ? payload : toBytes(payload);
    const signatures: string[] = [];
    for (const key of keys) {
      if (key.kind === 'symmetric') {
        signatures.push(`v1,${await provider.hmac('SHA-256', key.key, [prefix, body], 'base64')}`);
      } else if (key.kind === 'private') {
        const signature = await provider.ed25519Sign(
          key.privateKey,
          concatBytes([utf8(prefix), toBytes(body)]),
        );
        signatures.push(`v1a,${toBase64(signature)}`);
      } else {
        throw new WebhookVerificationError(
          'invalid_secret',
          'a whpk_ public key cannot sign; sign with the whsk_ private key.',
        );
      }
    }
    return {
      [headerNames.id]: id,
      [headerNames.timestamp]: timestamp,
      [headerNames.signature]: signatures.join(' '),
    };
  },
};

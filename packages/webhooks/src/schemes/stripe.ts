import { defaultCrypto } from '../crypto/default-provider.js';
import { WebhookVerificationError } from '../errors/webhook-error.js';
import { constantTimeEqual } from '../internal/constant-time.js';
import { toBytes, utf8 } from '../internal/encoding.js';
import { readHeader } from '../internal/headers.js';
import type { WebhookScheme } from './scheme.js';
import { memo, secretList } from './secrets.js';
import { checkTimestamp, nowSeconds } from './timestamp.js';

// Stripe uses the whole `whsec_…` string as the key, unlike Standard Webhooks.
const secretBytes = /* @__PURE__ */ memo(utf8);

/** As many signatures as a header may hold: a rotation needs two; thousands are an attack. */
const maxSignatures = 16;

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]`, HMAC-SHA256 of `${t}.${body}`. Every `v1`
 * is tried, other schemes (`v0`) are ignored, and unlike stripe-node the timestamp is checked in
 * both directions.
 */
export const stripeSignature: WebhookScheme = {
  name: 'stripe',

  async verify(payload, headers, options) {
    const secrets = secretList(options.secret);
    const header = readHeader(headers, 'stripe-signature');
    if (!header?.trim())
      throw new WebhookVerificationError(
        'missing_header',
        'the Stripe-Signature header is missing.',
      );
    let t: string | undefined;
    const v1: string[] = [];
    for (const item of header.split(',')) {
      const eq = item.indexOf('=');
      const key = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim();
      if (key === 't') t = value;
      else if (key === 'v1') v1.push(value.toLowerCase());
    }
    if (v1.length > maxSignatures) {
      throw new WebhookVerificationError(
        'invalid_header',
        `the Stripe-Signature header holds ${v1.length} v1 signatures; at most ${maxSignatures} are read.`,
      );
    }
    if (!t || v1.length === 0) {
      throw new WebhookVerificationError(
        'invalid_header',
        'the Stripe-Signature header needs t=<timestamp> and at least one v1=<signature>.',
      );
    }
    const timestamp = checkTimestamp(t, 'Stripe-Signature t', options);
    const provider = options.crypto ?? defaultCrypto();
    const parts = [`${t}.`, typeof payload === 'string' ? payload : toBytes(payload)];
    for (const secret of secrets) {
      const expected = await provider.hmac('SHA-256', secretBytes(secret), parts, 'hex');
      if (v1.some((candidate) => constantTimeEqual(candidate, expected)))
        return { id: undefined, timestamp };
    }
    throw new WebhookVerificationError(
      'signature_mismatch',
      'no v1 signature matches the endpoint secret. Check the secret (whsec_…) and verify the raw body exactly as received.',
    );
  },

  async sign(payload, options) {
    const provider = options.crypto ?? defaultCrypto();
    const t = String(options.timestamp ?? nowSeconds());
    const parts = [`${t}.`, typeof payload === 'string' ? payload : toBytes(payload)];
    const signatures: string[] = [];
    for (const secret of secretList(options.secret)) {
      signatures.push(`v1=${await provider.hmac('SHA-256', secretBytes(secret), parts, 'hex')}`);
    }
    return { 'stripe-signature': `t=${t},${signatures.join(',')}` };
  },
};

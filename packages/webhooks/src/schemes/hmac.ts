import { defaultCrypto } from '../crypto/default-provider.js';
import type { DigestEncoding, HmacAlgorithm } from '../crypto/provider.js';
import { WebhookVerificationError } from '../errors/webhook-error.js';
import { constantTimeEqual } from '../internal/constant-time.js';
import { toBytes, utf8 } from '../internal/encoding.js';
import { readHeader } from '../internal/headers.js';
import type { WebhookScheme } from './scheme.js';
import { memo, secretList } from './secrets.js';
import { checkTimestamp, nowSeconds } from './timestamp.js';

/** A header-carried HMAC of the raw body (optionally of `${timestamp}.${body}`). */
export interface HmacSchemeConfig {
  /** Scheme name for logs, e.g. `github`. */
  name: string;
  /** Header carrying the signature, e.g. `x-hub-signature-256`. */
  header: string;
  /** @default 'SHA-256' */
  algorithm?: HmacAlgorithm | undefined;
  /** How the digest is written in the header. @default 'hex' */
  encoding?: DigestEncoding | undefined;
  /** Text before the digest, e.g. `sha256=`. */
  prefix?: string | undefined;
  /** When set, the sender signs `${timestamp}.${body}` and sends unix seconds in this header. */
  timestampHeader?: string | undefined;
  /** Header with a delivery id usable for de-duplication (unsigned; the body hash is the fallback). */
  idHeader?: string | undefined;
}

const secretBytes = /* @__PURE__ */ memo(utf8);

/**
 * Builds a scheme for the common "HMAC of the raw body in a header" family. The secret is used
 * as UTF-8 bytes, as GitHub, Shopify, Paystack and Kopo Kopo do. Hex digests are compared
 * case-insensitively.
 *
 * @example
 * const flinks = createHmacScheme({ name: 'flinks', header: 'flinks-signature', encoding: 'hex' });
 */
export function createHmacScheme(config: HmacSchemeConfig): WebhookScheme {
  const algorithm = config.algorithm ?? 'SHA-256';
  const encoding = config.encoding ?? 'hex';
  const prefix = config.prefix ?? '';
  const header = config.header.toLowerCase();
  const describe = `${config.header}: ${prefix}${encoding}(HMAC-${algorithm}(secret, ${config.timestampHeader ? 'timestamp.' : ''}raw body))`;

  return {
    name: config.name,

    async verify(payload, headers, options) {
      const secrets = secretList(options.secret);
      const raw = readHeader(headers, header)?.trim();
      if (!raw) {
        throw new WebhookVerificationError(
          'missing_header',
          `the ${config.header} header is missing; this endpoint expects ${describe}.`,
        );
      }
      let timestamp: number | undefined;
      const parts: (string | Uint8Array)[] = [
        typeof payload === 'string' ? payload : toBytes(payload),
      ];
      if (config.timestampHeader) {
        const value = readHeader(headers, config.timestampHeader)?.trim();
        if (!value)
          throw new WebhookVerificationError(
            'missing_header',
            `the ${config.timestampHeader} header is missing.`,
          );
        timestamp = checkTimestamp(value, config.timestampHeader, options);
        parts.unshift(`${value}.`);
      }
      if (!raw.startsWith(prefix)) {
        throw new WebhookVerificationError(
          'invalid_header',
          `the ${config.header} header must start with "${prefix}".`,
        );
      }
      const candidate =
        encoding === 'hex' ? raw.slice(prefix.length).toLowerCase() : raw.slice(prefix.length);
      const provider = options.crypto ?? defaultCrypto();
      for (const secret of secrets) {
        const expected = await provider.hmac(algorithm, secretBytes(secret), parts, encoding);
        if (constantTimeEqual(candidate, expected)) {
          return {
            id: config.idHeader ? readHeader(headers, config.idHeader) : undefined,
            idSigned: false,
            timestamp,
          };
        }
      }
      throw new WebhookVerificationError(
        'signature_mismatch',
        `the ${config.header} signature does not match. Check the secret, and verify the raw body exactly as received (not re-serialised JSON).`,
      );
    },

    async sign(payload, options) {
      const [secret] = secretList(options.secret);
      const provider = options.crypto ?? defaultCrypto();
      const parts: (string | Uint8Array)[] = [
        typeof payload === 'string' ? payload : toBytes(payload),
      ];
      const out: Record<string, string> = {};
      if (config.timestampHeader) {
        const timestamp = String(options.timestamp ?? nowSeconds());
        parts.unshift(`${timestamp}.`);
        out[config.timestampHeader] = timestamp;
      }
      out[header] =
        prefix + (await provider.hmac(algorithm, secretBytes(secret!), parts, encoding));
      if (config.idHeader && options.id) out[config.idHeader] = options.id;
      return out;
    },
  };
}

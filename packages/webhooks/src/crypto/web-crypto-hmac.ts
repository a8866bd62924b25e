import { concatBytes, utf8 } from '../internal/encoding.js';
import { importOnce } from './key-cache.js';
import type { HmacAlgorithm } from './provider.js';

const keys = {
  'SHA-256': /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>(),
  'SHA-512': /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>(),
};

// WebCrypto's types want ArrayBuffer-backed views.
export const view = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

const bytesOf = (part: string | Uint8Array) => (typeof part === 'string' ? utf8(part) : part);

/**
 * HMAC with WebCrypto over the concatenation of `parts`, as bytes: the provider encodes it as
 * each scheme needs, and the `/verify` entry as base64 alone (no hex encoder in its bundle).
 */
export async function webCryptoMac(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  parts: readonly (string | Uint8Array)[],
): Promise<Uint8Array> {
  const data = parts.length === 1 ? bytesOf(parts[0]!) : concatBytes(parts.map(bytesOf));
  const cryptoKey = await importOnce(keys[algorithm], key, () =>
    crypto.subtle.importKey('raw', view(key), { name: 'HMAC', hash: algorithm }, false, ['sign']),
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, view(data)));
}

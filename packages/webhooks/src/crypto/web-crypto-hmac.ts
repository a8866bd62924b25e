import { concatBytes, toBase64, toHex, utf8 } from '../internal/encoding.js';
import { importOnce } from './key-cache.js';
import type { WebhookCrypto } from './provider.js';

const keys = {
  'SHA-256': /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>(),
  'SHA-512': /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>(),
};

// WebCrypto's types want ArrayBuffer-backed views.
export const view = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

const bytesOf = (part: string | Uint8Array) => (typeof part === 'string' ? utf8(part) : part);

/** HMAC with WebCrypto: the `hmac` of `webCryptoProvider`, alone for the `/verify` entry. */
export const webCryptoHmac: WebhookCrypto['hmac'] = async (algorithm, key, parts, encoding) => {
  const data = parts.length === 1 ? bytesOf(parts[0]!) : concatBytes(parts.map(bytesOf));
  const cryptoKey = await importOnce(keys[algorithm], key, () =>
    crypto.subtle.importKey('raw', view(key), { name: 'HMAC', hash: algorithm }, false, ['sign']),
  );
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, view(data)));
  return encoding === 'hex' ? toHex(signature) : toBase64(signature);
};

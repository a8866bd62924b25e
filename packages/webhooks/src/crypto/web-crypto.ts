import { concatBytes, toBase64, toHex, utf8 } from '../internal/encoding.js';
import { ed25519Pkcs8Prefix, type HmacAlgorithm, type WebhookCrypto } from './provider.js';

// Importing a key costs about as much as the HMAC itself: keep a bounded cache per secret.
const maxCachedKeys = 256;
const keys = new Map<string, Promise<CryptoKey>>();

function cached(id: string, make: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let key = keys.get(id);
  if (!key) {
    if (keys.size >= maxCachedKeys) keys.delete(keys.keys().next().value as string);
    key = make();
    keys.set(id, key);
    key.catch(() => keys.delete(id));
  }
  return key;
}

const bytesOf = (part: string | Uint8Array) => (typeof part === 'string' ? utf8(part) : part);
// WebCrypto's types want ArrayBuffer-backed views.
const view = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

function hmacKey(algorithm: HmacAlgorithm, key: Uint8Array) {
  return cached(`hmac:${algorithm}:${toBase64(key)}`, () =>
    crypto.subtle.importKey('raw', view(key), { name: 'HMAC', hash: algorithm }, false, ['sign']),
  );
}

/** The WebCrypto provider: Node ≥ 22, Bun, Deno, Workers, browsers. */
export const webCryptoProvider: WebhookCrypto = {
  async hmac(algorithm, key, parts, encoding) {
    const data = parts.length === 1 ? bytesOf(parts[0]!) : concatBytes(parts.map(bytesOf));
    const signature = new Uint8Array(
      await crypto.subtle.sign('HMAC', await hmacKey(algorithm, key), view(data)),
    );
    return encoding === 'hex' ? toHex(signature) : toBase64(signature);
  },
  async ed25519Sign(privateKey, data) {
    const key = await cached(`ed25519-private:${toBase64(privateKey)}`, () =>
      crypto.subtle.importKey(
        'pkcs8',
        view(concatBytes([ed25519Pkcs8Prefix, privateKey])),
        { name: 'Ed25519' },
        false,
        ['sign'],
      ),
    );
    return new Uint8Array(await crypto.subtle.sign('Ed25519', key, view(data)));
  },
  async ed25519Verify(publicKey, signature, data) {
    try {
      const key = await cached(`ed25519-public:${toBase64(publicKey)}`, () =>
        crypto.subtle.importKey('raw', view(publicKey), { name: 'Ed25519' }, false, ['verify']),
      );
      return await crypto.subtle.verify('Ed25519', key, view(signature), view(data));
    } catch {
      return false;
    }
  },
  async sha256Hex(data) {
    return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', view(data))));
  },
};

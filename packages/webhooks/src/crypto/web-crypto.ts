import { concatBytes, toBase64, toHex } from '../internal/encoding.js';
import { importOnce } from './key-cache.js';
import { ed25519Pkcs8Prefix, type WebhookCrypto } from './provider.js';
import { view, webCryptoMac } from './web-crypto-hmac.js';

const privateKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
const publicKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** The WebCrypto provider: Node ≥ 22, Bun, Deno, Workers, browsers. */
export const webCryptoProvider: WebhookCrypto = {
  async hmac(algorithm, key, parts, encoding) {
    const mac = await webCryptoMac(algorithm, key, parts);
    return encoding === 'hex' ? toHex(mac) : toBase64(mac);
  },
  async ed25519Sign(privateKey, data) {
    const key = await importOnce(privateKeys, privateKey, () =>
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
      const key = await importOnce(publicKeys, publicKey, () =>
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

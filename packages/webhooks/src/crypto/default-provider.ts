import type { WebhookCrypto } from './provider.js';
import { webCryptoProvider } from './web-crypto.js';

let current: WebhookCrypto = webCryptoProvider;

/** The provider used when no `crypto` option is given. */
export function defaultCrypto(): WebhookCrypto {
  return current;
}

/**
 * Replaces the default provider for this process. The `node` entry calls it with the
 * `node:crypto` provider; most applications never need to.
 */
export function setDefaultCrypto(provider: WebhookCrypto): void {
  current = provider;
}

/**
 * `@malipo/webhooks` under Node's `node` export condition: the same API, with the
 * `node:crypto` provider as the default (several times faster for small bodies).
 *
 * @module @malipo/webhooks
 * @mergeModuleWith <project>
 */
import { setDefaultCrypto } from './crypto/default-provider.js';
import { nodeCryptoProvider } from './crypto/node-crypto.js';

setDefaultCrypto(nodeCryptoProvider);

export * from './index.js';
export { nodeCryptoProvider };

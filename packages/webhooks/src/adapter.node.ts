/**
 * @module
 * `@malipo/webhooks/adapter` under Node's `node` export condition: the same API, with the
 * `node:crypto` provider as the default, as the main entry sets it, for adapters that load
 * only this entry.
 */
import { setDefaultCrypto } from './crypto/default-provider.js';
import { nodeCryptoProvider } from './crypto/node-crypto.js';

setDefaultCrypto(nodeCryptoProvider);

export * from './adapter.js';

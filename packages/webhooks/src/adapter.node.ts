/**
 * `@malipo/webhooks/adapter` — what a framework adapter is built from: the webhook handler's
 * core (a {@link HandlerCore}, the shape the Daraja guard's core shares) and the two bridges that feed them, `handleFetchRequest` and `handleNodeRequest`. This is the build Node
 * loads (the `node` export condition): the same API as the default build, with the
 * `node:crypto` provider as the default, as the main entry sets it, for adapters that load
 * only this entry.
 *
 * @module @malipo/webhooks/adapter
 */
import { setDefaultCrypto } from './crypto/default-provider.js';
import { nodeCryptoProvider } from './crypto/node-crypto.js';

setDefaultCrypto(nodeCryptoProvider);

export * from './adapter.js';

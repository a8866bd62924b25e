/**
 * `@malipo/webhooks/testing` — sign test payloads with any scheme, build signed requests, and
 * generate secrets and Ed25519 keys for tests.
 *
 * @module @malipo/webhooks/testing
 */
export {
  buildSignedRequest,
  generateEd25519Keys,
  generateWebhookSecret,
  type SignedTestWebhook,
  type SignTestWebhookOptions,
  signTestWebhook,
} from './sign.js';

/**
 * `@malipo/webhooks/daraja` — the guard for Safaricom Daraja (M-Pesa) callbacks: an unguessable
 * path token, Safaricom's IP allowlist, body limits, tolerant parsing of the STK callback, one
 * processing per `CheckoutRequestID`, and Safaricom's acknowledgement. It parses with
 * `@malipo/daraja`, an optional peer: install it beside this package (`pnpm add @malipo/daraja`)
 * to use this entry. Verifying webhooks never needs it.
 *
 * @module @malipo/webhooks/daraja
 */
export {
  createDarajaCallbackCore,
  type DarajaCallbackCore,
} from './daraja/callback-core.js';
export { createDarajaCallbackHandler } from './daraja/callback-handler.js';
export type { DarajaCallbackContext, DarajaCallbackOptions } from './daraja/callback-options.js';

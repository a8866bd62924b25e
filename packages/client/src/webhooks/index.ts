/**
 * `@malipo/client/webhooks` — verify the gateway's webhooks (Standard Webhooks signature and
 * timestamp) and read them as typed events, Stripe's `constructEvent` style. Apart from the main
 * entry, so a bundle that only calls the API carries no signature code.
 *
 * @module @malipo/client/webhooks
 */
export { isWebhookVerificationError, WebhookVerificationError } from '@malipo/webhooks';
export { type ClientVerifyOptions, Webhooks, type WebhooksOptions } from './webhooks.js';

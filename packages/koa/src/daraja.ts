/**
 * `@malipo/koa/daraja` — Koa middleware guarding a Daraja (M-Pesa) callback URL. It parses with
 * `@malipo/daraja`, an optional peer: install it beside this package to use this entry.
 *
 * @module @malipo/koa/daraja
 */
import { createDarajaCallbackCore, type DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import type { Middleware } from 'koa';
import { respond } from './respond.js';

export type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';

/**
 * Koa middleware guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP allowlist
 * (from the socket address), limits, parsing and Safaricom's acknowledgement.
 *
 * @example
 * router.post('/mpesa/callback/:token', darajaCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: DarajaCallbackOptions): Middleware {
  return respond(createDarajaCallbackCore(options));
}

/**
 * `@malipo/express/daraja` — Express middleware guarding a Daraja (M-Pesa) callback URL. It
 * parses with `@malipo/daraja`, an optional peer: install it beside this package to use this
 * entry.
 *
 * @module @malipo/express/daraja
 */

import { handleNodeRequest } from '@malipo/webhooks/adapter';
import { createDarajaCallbackCore, type DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import type { Request, RequestHandler } from 'express';
import { bodySources, mountingFix, send } from './express-bridge.js';

export type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';

/**
 * Express middleware guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP
 * allowlist, limits, parsing and Safaricom's acknowledgement.
 *
 * @example
 * app.post('/mpesa/callback/:token', darajaCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: DarajaCallbackOptions): RequestHandler {
  const core = createDarajaCallbackCore(options);
  return (req, res, next) => {
    handleNodeRequest(
      core,
      { ...pick(req), url: req.originalUrl },
      bodySources(req),
      mountingFix,
    ).then((answer) => send(res, answer), next);
  };
}

// Express rewrites req.url under routers; the guard needs the full path to find its token.
function pick(req: Request) {
  return {
    method: req.method,
    headers: req.headers,
    socket: req.socket,
    readableEnded: req.readableEnded,
    [Symbol.asyncIterator]: () => req[Symbol.asyncIterator](),
  };
}

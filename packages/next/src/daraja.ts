/**
 * `@malipo/next/daraja` — Next.js handlers guarding a Daraja (M-Pesa) callback URL: path token,
 * Safaricom IP allowlist, limits, parsing and Safaricom's acknowledgement. App Router:
 * `darajaCallback`; Pages Router: `darajaPagesCallback`. They parse with `@malipo/daraja`, an
 * optional peer: install it beside this package to use this entry.
 *
 * @module @malipo/next/daraja
 */
import { WebhookOptionsError } from '@malipo/webhooks';
import { handleFetchRequest, handleNodeRequest } from '@malipo/webhooks/adapter';
import { createDarajaCallbackCore, type DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import type { NextApiRequest, NextApiResponse } from 'next';
import { mountingHint } from './app-router.js';
import { mountingFix, send } from './pages-router.js';

export type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';

/** Options of the App Router {@link darajaCallback}: the guard's, plus what Next cannot see. */
export interface NextDarajaCallbackOptions extends DarajaCallbackOptions {
  /**
   * The caller's address, for the Safaricom allowlist. App Router handlers get no socket, so
   * read a header that your platform or proxy sets and overwrites — never one a client can
   * send unchallenged. On Vercel: `(request) => request.headers.get('x-real-ip')`.
   * Required unless `allowlist` is `false`; `darajaPagesCallback` reads the socket instead.
   */
  getRemoteAddress?: ((request: Request) => string | null | undefined) | undefined;
  /**
   * Keeps acknowledge-first processing alive after the response: pass `after` from
   * `next/server`. Or choose `mode: 'process-first'`.
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/**
 * App Router route handler guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP
 * allowlist, limits, parsing and Safaricom's acknowledgement.
 *
 * @example
 * // app/mpesa/callback/[token]/route.ts
 * export const POST = darajaCallback({
 *   pathToken: process.env.MPESA_CALLBACK_TOKEN!,
 *   getRemoteAddress: (request) => request.headers.get('x-real-ip'), // Vercel
 *   mode: 'process-first',
 *   onCallback,
 * });
 */
export function darajaCallback(
  options: NextDarajaCallbackOptions,
): (request: Request) => Promise<Response> {
  const core = createDarajaCallbackCore(options);
  const { getRemoteAddress, waitUntil } = options;
  if (options.allowlist !== false && typeof getRemoteAddress !== 'function') {
    throw new WebhookOptionsError(
      'getRemoteAddress',
      "@malipo/next App Router handlers cannot see the caller's socket address, which the Safaricom allowlist checks. Pass `getRemoteAddress` reading a header your platform overwrites (on Vercel: (request) => request.headers.get('x-real-ip')), or use darajaPagesCallback in pages/api, which reads the socket.",
    );
  }
  return (request) =>
    handleFetchRequest(core, request, {
      remoteAddress: getRemoteAddress?.(request) ?? undefined,
      waitUntil,
      mountingHint,
    });
}

/**
 * Pages Router API route guarding a Daraja (M-Pesa) callback URL. Reads the caller's address
 * from the socket (`allowlist.trustedProxies` for your load balancer). Turn off the body parser.
 *
 * @example
 * // pages/api/mpesa/callback/[token].ts
 * export const config = { api: { bodyParser: false } };
 * export default darajaPagesCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback });
 */
export function darajaPagesCallback(
  options: DarajaCallbackOptions,
): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {
  const core = createDarajaCallbackCore(options);
  return async (req, res) => {
    send(res, await handleNodeRequest(core, req, { body: req.body }, mountingFix));
  };
}

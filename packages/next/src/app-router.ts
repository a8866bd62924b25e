import { type GatewayEvent, type UnknownGatewayEvent, WebhookOptionsError } from '@malipo/webhooks';
import {
  createDarajaCallbackCore,
  createWebhookCore,
  type DarajaCallbackOptions,
  handleFetchRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';

const mountingHint =
  'Export the handler as the route itself (export const POST = malipoWebhook({ … }), or darajaCallback) so it gets the untouched request; to read the body too, read request.clone() first.';

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
 * App Router route handler for signed webhooks (Standard Webhooks by default): the canonical
 * fetch handler. 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * // app/api/webhooks/route.ts
 * export const POST = malipoWebhook({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent });
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const core = createWebhookCore(options);
  return (request) => handleFetchRequest(core, request, { mountingHint });
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

/**
 * `@malipo/hono/daraja` — the Hono handler guarding a Daraja (M-Pesa) callback URL. It parses
 * with `@malipo/daraja`, an optional peer: install it beside this package to use this entry.
 *
 * @module @malipo/hono/daraja
 */
import { handleFetchRequest } from '@malipo/webhooks/adapter';
import { createDarajaCallbackCore, type DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import type { Context } from 'hono';
import { mountingHint } from './internal/mounting-hint.js';
import { unreadRequest } from './internal/unread-request.js';

export type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';

/** Options of {@link darajaCallback}: the guard's options and where the peer address comes from. */
export interface HonoDarajaCallbackOptions extends DarajaCallbackOptions {
  /**
   * The socket address of the peer, for the allowlist. Pass your runtime's `getConnInfo`
   * (`hono/bun`, `hono/deno`, …) as `(c) => getConnInfo(c).remote.address`; on Workers,
   * `(c) => c.req.header('cf-connecting-ip')`.
   * @default the `@hono/node-server` socket, `c.env.incoming.socket.remoteAddress`
   */
  getRemoteAddress?: ((c: Context) => string | undefined) | undefined;
}

/**
 * Hono handler guarding a Daraja (M-Pesa) callback URL: path token, Safaricom IP allowlist,
 * limits, parsing and Safaricom's acknowledgement. Acknowledge-first work is handed to
 * `c.executionCtx.waitUntil` where there is one (Workers).
 *
 * @example
 * app.post('/mpesa/callback/:token', darajaCallback({ pathToken: env.MPESA_CALLBACK_TOKEN, onCallback }));
 */
export function darajaCallback(
  options: HonoDarajaCallbackOptions,
): (c: Context) => Promise<Response> {
  const core = createDarajaCallbackCore(options);
  const remoteAddress = options.getRemoteAddress ?? nodeServerAddress;
  return async (c) =>
    handleFetchRequest(core, await unreadRequest(c.req), {
      remoteAddress: remoteAddress(c),
      waitUntil: waitUntil(c),
      mountingHint,
    });
}

function nodeServerAddress(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
}

function waitUntil(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const context = c.executionCtx;
    return (promise) => context.waitUntil(promise);
  } catch {
    // Hono's getter throws where the runtime gives no ExecutionContext (Node, Bun, Deno).
    return undefined;
  }
}

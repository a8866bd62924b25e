/**
 * `@malipo/hono` — Hono handlers over `@malipo/webhooks`: `malipoWebhook` verifies,
 * de-duplicates and parses gateway webhooks; `darajaCallback` guards M-Pesa callbacks. Both are
 * the canonical fetch handlers given `c.req.raw`, so they run wherever Hono runs (Node, Bun,
 * Deno, Workers). A body read earlier with `c.req.text()`, `c.req.json()` or
 * `c.req.arrayBuffer()` still verifies: Hono caches those bytes.
 *
 * @module @malipo/hono
 */
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import {
  createDarajaCallbackCore,
  createWebhookCore,
  type DarajaCallbackOptions,
  handleFetchRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';
import type { Context } from 'hono';
import { unreadRequest } from './internal/unread-request.js';

const mountingHint =
  'Hono kept no exact copy of it. Mount malipoWebhook and darajaCallback before middleware that reads c.req.raw, or have that middleware read with c.req.text(), c.req.json() or c.req.arrayBuffer(), whose bytes Hono keeps.';

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
 * Hono handler for signed webhooks (Standard Webhooks by default). Answers the sender itself:
 * 200 when handled or a duplicate, 4xx for bad deliveries, 500 when `onEvent` throws.
 *
 * @example
 * app.post('/webhooks/malipo', malipoWebhook({ secret: env.MALIPO_WEBHOOK_SECRET, onEvent }));
 */
export function malipoWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (c: Context) => Promise<Response> {
  const core = createWebhookCore(options);
  return async (c) => handleFetchRequest(core, await unreadRequest(c.req), { mountingHint });
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

/** Narrows a received event to one type: `if (isEventType(event, 'payment.completed')) …`. */
export { isEventType } from '@malipo/webhooks';

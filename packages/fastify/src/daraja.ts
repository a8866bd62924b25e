/**
 * `@malipo/fastify/daraja` — the Fastify plugin guarding a Daraja (M-Pesa) callback URL, in its
 * own scope that receives raw bytes. It parses with `@malipo/daraja`, an optional peer: install
 * it beside this package to use this entry.
 *
 * @module @malipo/fastify/daraja
 */
import { createDarajaCallbackCore, type DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import type { FastifyPluginAsync } from 'fastify';
import {
  type FastifyRouteHandler,
  mountingFix,
  rawRoutePlugin,
  routeHandler,
} from './raw-route.js';

export type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';
export type { FastifyRouteHandler } from './raw-route.js';

/** Options of the {@link darajaCallback} plugin: the guard's options and the route path. */
export interface FastifyDarajaCallbackOptions extends DarajaCallbackOptions {
  /** Route path ending in the token segment, e.g. `/mpesa/callback/:token`. */
  path: string;
}

/**
 * Fastify route handler guarding a Daraja (M-Pesa) callback URL, for a scope that keeps raw
 * bodies. Prefer the {@link darajaCallback} plugin.
 */
export function darajaCallbackHandler(options: DarajaCallbackOptions): FastifyRouteHandler {
  return routeHandler(
    createDarajaCallbackCore(options),
    mountingFix('darajaCallback', 'darajaCallbackHandler'),
  );
}

/**
 * Fastify plugin registering `POST path` as a guarded Daraja (M-Pesa) callback URL: path token,
 * Safaricom IP allowlist (from the socket address), limits, parsing and Safaricom's
 * acknowledgement.
 *
 * @example
 * await app.register(darajaCallback({ path: '/mpesa/callback/:token', pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback }));
 */
export function darajaCallback(options: FastifyDarajaCallbackOptions): FastifyPluginAsync {
  const { path, ...rest } = options;
  const core = createDarajaCallbackCore(rest);
  return rawRoutePlugin(
    path,
    core,
    routeHandler(core, mountingFix('darajaCallback', 'darajaCallbackHandler')),
    { secretLastSegment: true },
  );
}

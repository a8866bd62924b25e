/**
 * `@malipo/contract/requests` — the request side of the gateway API for clients that bundle it:
 * each operation's method, path, path parameters and strict request schemas (zod/mini), without
 * the response schemas, the webhook events or the OpenAPI document. The same table is the base
 * of `routes` in `@malipo/contract`, so the two cannot drift.
 *
 * @module @malipo/contract/requests
 */
export { type RequestName, type RequestSpec, requestRoutes } from './request-routes.js';

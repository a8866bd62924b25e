/**
 * Compile-time probes, checked by `pnpm typecheck` (never run): the handler record follows the
 * contract's route table exactly.
 */
import type { RouteHandlers } from '../../src/http/route-types.js';

declare const handlers: RouteHandlers;

// A contract route without a handler does not compile.
const { createPayment: _removed, ...withoutOne } = handlers;
// @ts-expect-error createPayment is missing
export const incomplete: RouteHandlers = withoutOne;

// Path parameters carry the contract's names.
// @ts-expect-error the parameter is payment_id, not id
export type WrongParam = Parameters<RouteHandlers['retrievePayment']>[0]['params']['id'];
export type RightParam = Parameters<RouteHandlers['retrievePayment']>[0]['params']['payment_id'];

// Bodies are the contract's validated types.
type CreateBody = Parameters<RouteHandlers['createPayment']>[0]['body'];
export const amount = (body: CreateBody): number => body.amount_cents;
// @ts-expect-error a misspelled field does not exist
export const misspelled = (body: CreateBody) => body.ammount_cents;

// Routes without a body get none.
type QueryBody = Parameters<RouteHandlers['queryPayment']>[0]['body'];
export const noBody: QueryBody = undefined;

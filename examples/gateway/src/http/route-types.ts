import type { ErrorEnvelope, RouteName, routes } from '@malipo/contract';
import type * as z from 'zod/mini';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';

type Spec<K extends RouteName> = (typeof routes)[K];
type Output<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** The validated body of route `K` (undefined when it takes none). */
export type RouteBody<K extends RouteName> =
  Spec<K> extends { body: infer S } ? Output<S> : undefined;
/** The validated query of route `K`. */
export type RouteQuery<K extends RouteName> =
  Spec<K> extends { query: infer S } ? Output<S> : undefined;
/** The path parameters of route `K`, by the contract's names. */
export type RouteParams<K extends RouteName> =
  Spec<K> extends {
    params: readonly (infer P extends string)[];
  }
    ? { [N in P]: string }
    : Record<never, string>;

/** What a handler gets: everything parsed and checked against the contract. */
export interface RouteRequest<K extends RouteName> {
  body: RouteBody<K>;
  query: RouteQuery<K>;
  params: RouteParams<K>;
  /** The authenticated merchant (routes the contract marks `authenticated`). */
  merchant: Spec<K>['authenticated'] extends true ? AuthenticatedMerchant : undefined;
  /** Ties a created resource to the request's Idempotency-Key (idempotent routes). */
  idempotency: IdempotencyScope;
  /** Aborted when the caller goes away: work queued for it is dropped. */
  signal: AbortSignal;
}

/**
 * A handler's answer: the contract's success body (its status from the contract unless given),
 * or an answer in the error envelope with the status it needs (a provider's 502 that still names
 * the payment it failed, a degraded health check).
 */
export type RouteReply<K extends RouteName> =
  | { status?: number; body: z.input<Spec<K>['response']> }
  | { status: number; body: ErrorEnvelope };

export type RouteHandler<K extends RouteName> = (
  request: RouteRequest<K>,
) => Promise<RouteReply<K>>;

/**
 * One handler per contract route: a route the contract lists and the gateway does not handle is
 * a compile error here, not a 404 for a user.
 */
export type RouteHandlers = { [K in RouteName]: RouteHandler<K> };

import { routes } from '@malipo/contract';
import { DomainError } from '../errors/domain-error.js';
import type { RouteHandlers } from '../http/route-types.js';

/**
 * Routes of the contract this gateway does not serve yet. Each answers 501 `NOT_IMPLEMENTED`
 * naming the operation, never a bare 404, and each is listed in the contract-coverage test;
 * the list shrinks as checkout sessions land.
 */
export const pendingRoutes = ['createCheckoutSession', 'retrieveCheckoutSession'] as const;

type Pending = (typeof pendingRoutes)[number];

const notYet = (name: Pending) => async (): Promise<never> => {
  const route = routes[name];
  throw new DomainError(
    'NOT_IMPLEMENTED',
    `${route.method} ${route.path} is not available on this gateway yet.`,
  );
};

export const pendingHandlers = Object.fromEntries(
  pendingRoutes.map((name) => [name, notYet(name)]),
) as unknown as Pick<RouteHandlers, Pending>;

import { type RouteSpec, routes } from '@malipo/contract';
import { pendingRoutes } from '../../src/handlers/pending.js';

/**
 * Operations the contract lists that this gateway answers with 501 NOT_IMPLEMENTED for now (the
 * gateway's own `pendingRoutes`). The document keeps describing the contract; these answers are
 * known gaps, not problems, and the tests that use their examples are expected to fail until the
 * gateway serves them.
 */
const pendingPaths = pendingRoutes.flatMap((name) => {
  const route: RouteSpec = routes[name];
  return [route.path, ...(route.aliases ?? [])];
});

/** Whether the document path (template) is served today. */
export const isServed = (path: string) => !pendingPaths.includes(path);

/** Those paths as patterns, for the response checker. */
export const notServedPaths = pendingPaths.map(
  (path) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
);

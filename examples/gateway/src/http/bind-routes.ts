import { type RouteName, type RouteSpec, routes } from '@malipo/contract';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.js';
import { idempotent, noIdempotencyScope } from '../idempotency/idempotency.js';
import type { AppEnv } from './app-env.js';
import { readJsonBody, validate } from './json-body.js';
import type { RouteHandler, RouteHandlers, RouteRequest } from './route-types.js';

export interface BindOptions {
  db: Database;
  bodyLimitBytes: number;
  /** How long a request holds its Idempotency-Key before a retry may take it over. */
  idempotencyLockSeconds: number;
  /** Authenticates and rate-limits routes the contract marks `authenticated`. */
  authenticate: MiddlewareHandler<AppEnv>;
  /** Rate-limits the others by client address. */
  limitByAddress: MiddlewareHandler<AppEnv>;
  /**
   * Routes whose operation takes its Idempotency-Key in the statement that creates its resource
   * (see `takesKeyOnWrite` of `idempotent`): every successful path of theirs does.
   */
  takesKeyOnWrite?: ReadonlySet<RouteName>;
}

/** `/api/v1/payments/{payment_id}` → `/api/v1/payments/:payment_id` */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Binds every route of the contract's table, at its path and its aliases, with the contract's
 * method, authentication, schemas and idempotency: nothing here names a path. An alias answers the contract's `aliasStatus` for
 * success where it has one (the hosted-gateway integration guide's `/api/payments/create` answers
 * 200 where `/api/v1/payments` answers 201).
 */
export function bindRoutes(app: Hono<AppEnv>, handlers: RouteHandlers, options: BindOptions) {
  for (const name of Object.keys(routes) as RouteName[]) {
    const spec: RouteSpec = routes[name];
    const handler = handlers[name] as RouteHandler<RouteName>;
    const guard = spec.authenticated ? options.authenticate : options.limitByAddress;
    for (const [index, path] of [spec.path, ...(spec.aliases ?? [])].entries()) {
      const legacy = index > 0;
      app.on(spec.method, honoPath(path), guard, async (c) => {
        const params = Object.fromEntries(
          (spec.params ?? []).map((param) => [param, c.req.param(param) ?? '']),
        );
        const query = spec.query ? validate(spec.query, c.req.query()) : undefined;
        const body = spec.body
          ? await readJsonBody(c, spec.body, options.bodyLimitBytes)
          : undefined;
        const merchant = spec.authenticated ? c.get('merchant') : undefined;
        const run = async (idempotency: RouteRequest<RouteName>['idempotency']) => {
          const reply = await handler({
            body: body?.value,
            query,
            params,
            merchant,
            idempotency,
            signal: c.req.raw.signal,
          } as RouteRequest<RouteName>);
          return { status: reply.status ?? spec.status, body: reply.body as unknown };
        };
        const result =
          spec.idempotent && merchant
            ? await idempotent(
                options.db,
                {
                  merchantId: merchant.merchantId,
                  mode: merchant.mode,
                  key: c.req.header('idempotency-key'),
                  operation: name,
                  parameters: { params, body: body?.parsed ?? null },
                  successStatus: spec.status,
                  takesKeyOnWrite: options.takesKeyOnWrite?.has(name) ?? false,
                },
                run,
                options.idempotencyLockSeconds,
              )
            : { ...(await run(noIdempotencyScope)), replayed: false };
        if (result.replayed) c.header('Idempotent-Replayed', 'true');
        const status =
          legacy && spec.aliasStatus !== undefined && result.status === spec.status
            ? spec.aliasStatus
            : result.status;
        return c.json(result.body as object, status as 200);
      });
    }
  }
}

import { Hono } from 'hono';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import { callbackIngest } from '../callbacks/ingest.js';
import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { type Mpesa, simulatorPrefix } from '../mpesa/mpesa.js';
import { paymentRoutes } from '../payments/routes.js';
import { systemRoutes } from '../system/routes.js';
import { webhookRoutes } from '../webhooks/routes.js';
import { ApiError, errorBody } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { requestId } from './request-id.js';

export interface AppDeps {
  db: Database;
  boss: PgBoss;
  jobs: Jobs;
  mpesa: Mpesa;
  config: GatewayConfig;
  logger: Logger;
  callbackToken: string;
  workerRunning: () => boolean;
}

/** The gateway's HTTP surface: seed 000's API, its `/api/v1` twins, callbacks and health. */
export function createApp(deps: AppDeps) {
  const { db, config, logger } = deps;
  const app = new Hono<AppEnv>();

  app.use(requestId);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Method, route and outcome only: headers and bodies (credentials, phone numbers) are never logged.
    logger.info(
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.use(async (c, next) => {
    // PostgreSQL text cannot hold NUL; no id, cursor or filter of ours contains one.
    if (/%00/i.test(c.req.url)) {
      throw new ApiError('INVALID_REQUEST', 'The URL must not contain NUL (%00) characters.');
    }
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status as 400);
    }
    logger.error({ request_id: c.get('requestId'), err: error }, 'unhandled error');
    return c.json(
      errorBody(
        'INTERNAL_ERROR',
        `Something went wrong on our side (request ${c.get('requestId')}). Retrying with the same Idempotency-Key is safe.`,
      ),
      500,
    );
  });
  app.notFound((c) =>
    c.json(errorBody('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), 404),
  );

  app.post(
    '/callbacks/mpesa/:token',
    callbackIngest(db, deps.jobs, {
      token: deps.callbackToken,
      bodyLimitBytes: config.bodyLimitBytes,
      allowlist: config.callbackAllowlist ? { trustedProxies: config.trustedProxies } : false,
    }),
  );

  const handleSimulator = deps.mpesa.handleSimulator;
  if (handleSimulator) app.all(`${simulatorPrefix}/*`, (c) => handleSimulator(c.req.raw));

  app.use('/api/*', authenticate(db, { perMinute: config.rateLimitPerMinute }));
  app.route('/', systemRoutes(db, deps.boss, deps.workerRunning));
  app.route('/', paymentRoutes(deps));
  app.route('/', webhookRoutes(db, deps.jobs, config));
  return app;
}

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config/config.js';
import type { Database } from './db/database.js';
import { isDomainError } from './errors/domain-error.js';
import { adminRoutes } from './handlers/admin.js';
import type { HandlerDeps } from './handlers/deps.js';
import { routeHandlers } from './handlers/handlers.js';
import { adminAuth } from './http/admin-auth.js';
import type { AppEnv } from './http/app-env.js';
import { authenticate } from './http/authenticate.js';
import { bindRoutes } from './http/bind-routes.js';
import { errorBody, errorReply } from './http/error-body.js';
import { mpesaCallbackRoute, mpesaResultRoute } from './http/mpesa-callback-route.js';
import { addressBucket, createRateLimit } from './http/rate-limit.js';
import { requestId } from './http/request-id.js';
import type { IngestSignal } from './jobs/ingest-signal.js';
import type { CallbackTokens } from './mpesa/callback-tokens.js';
import { simulatorPrefix } from './mpesa/mpesa.js';
import { isLoopback } from './mpesa/simulator-guard.js';
import { checkoutPageRoutes } from './pages/checkout/routes.js';
import { dashboardRoutes } from './pages/dashboard/routes.js';
import { referenceRoutes } from './pages/reference/routes.js';
import { buniSimulatorPrefix } from './providers/buni/buni.js';

export interface AppDeps extends HandlerDeps {
  db: Database;
  config: GatewayConfig;
  logger: Logger;
  /** SHA-256 of the operator's admin token. */
  adminTokenHash: string;
  /** The secret callback token of each mode. */
  callbackTokens: CallbackTokens;
  /** Told of each M-Pesa callback or result arriving and stored (for the ingest relay). */
  ingest: IngestSignal;
}

/** Headers a browser may send and read (the dashboard's origin, "Try it" in API docs). */
const corsHeaders = {
  allowHeaders: ['Content-Type', 'X-API-Key', 'X-API-Secret', 'Idempotency-Key', 'X-Request-Id'],
  exposeHeaders: [
    'X-Request-Id',
    'Idempotent-Replayed',
    'Retry-After',
    'RateLimit-Limit',
    'RateLimit-Remaining',
    'RateLimit-Reset',
  ],
};

/**
 * The gateway's HTTP surface, and the one place that knows every feature: the contract's routes
 * (bound from its table), the M-Pesa callback, the hosted simulator and the error envelope.
 */
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
  if (config.corsOrigins.length > 0) {
    app.use(
      '*',
      cors({ origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins, ...corsHeaders }),
    );
  }
  const consume = createRateLimit(config.rateLimitPerMinute);
  app.use(async (c, next) => {
    // PostgreSQL text cannot hold NUL; no id, cursor or filter of ours contains one.
    if (/%00/i.test(c.req.url)) {
      await consume(c, addressBucket(c));
      return c.json(
        errorBody('INVALID_REQUEST', 'The URL must not contain NUL (%00) characters.'),
        400,
      );
    }
    await next();
  });

  app.onError((error, c) => {
    if (isDomainError(error)) {
      const reply = errorReply(error);
      for (const [name, value] of Object.entries(reply.headers ?? {})) c.header(name, value);
      return c.json(reply.body, reply.status as 400);
    }
    if (c.req.raw.signal.aborted) {
      // The caller went away and its queued work was dropped: nobody is left to answer.
      logger.info({ request_id: c.get('requestId') }, 'caller went away');
      return new Response(null, { status: 499 });
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

  app.notFound(async (c) => {
    await consume(c, addressBucket(c));
    return c.json(errorBody('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`), 404);
  });

  const callbackOptions = {
    tokens: deps.callbackTokens,
    bodyLimitBytes: config.bodyLimitBytes,
    allowlist: config.callbackAllowlist,
    trustedProxies: config.trustedProxies,
    ingest: deps.ingest,
  };
  app.post('/callbacks/mpesa/:token', mpesaCallbackRoute(db, callbackOptions));
  app.post(
    '/callbacks/mpesa/:token/results/:purpose/:target',
    mpesaResultRoute(db, 'result', callbackOptions),
  );
  app.post(
    '/callbacks/mpesa/:token/timeouts/:purpose/:target',
    mpesaResultRoute(db, 'timeout', callbackOptions),
  );

  const handleSimulator = deps.mpesa.handleSimulator;
  if (handleSimulator) {
    // The simulator has no authentication: only callers on this machine may drive it.
    app.all(`${simulatorPrefix}/*`, (c) =>
      isLoopback(c.env?.incoming?.socket?.remoteAddress)
        ? handleSimulator(c.req.raw)
        : c.json(
            errorBody('NOT_FOUND', 'The Daraja simulator answers loopback callers only.'),
            404,
          ),
    );
  }

  // The BUNI card simulator likewise: test mode's acquirer, for this machine only.
  app.all(`${buniSimulatorPrefix}/*`, (c) =>
    isLoopback(c.env?.incoming?.socket?.remoteAddress)
      ? deps.buni.handleSimulator(c.req.raw)
      : c.json(errorBody('NOT_FOUND', 'The BUNI simulator answers loopback callers only.'), 404),
  );

  app.use('/admin/v1/*', adminAuth(deps.adminTokenHash, consume));
  app.route(
    '/admin/v1',
    adminRoutes(db, config.bodyLimitBytes, deps.callbackTokens, deps.publicUrl),
  );

  app.route('/', checkoutPageRoutes(deps, consume));
  app.route('/', referenceRoutes({ publicUrl: deps.publicUrl }));
  app.route('/', dashboardRoutes(deps, consume));

  bindRoutes(app, routeHandlers(deps), {
    idempotencyLockSeconds: config.idempotencyLockSeconds,
    db,
    bodyLimitBytes: config.bodyLimitBytes,
    authenticate: authenticate(db, consume),
    limitByAddress: async (c, next) => {
      await consume(c, addressBucket(c));
      await next();
    },
  });
  return app;
}

import { type Handler, Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config/config.js';
import type { Database } from './db/database.js';
import { isDomainError } from './errors/domain-error.js';
import { adminRoutes } from './handlers/admin.js';
import type { HandlerDeps } from './handlers/deps.js';
import { routeHandlers } from './handlers/handlers.js';
import { adminAuth, storedAdminTokenHash } from './http/admin-auth.js';
import type { AppEnv } from './http/app-env.js';
import { authenticate } from './http/authenticate.js';
import { bindRoutes } from './http/bind-routes.js';
import { errorBody, errorReply } from './http/error-body.js';
import { mpesaCallbackRoute, mpesaResultRoute } from './http/mpesa-callback-route.js';
import { addressBucket, type ConsumeRate, createRateLimit } from './http/rate-limit.js';
import { requestId } from './http/request-id.js';
import type { IngestSignal } from './jobs/ingest-signal.js';
import { hashSecret, secretMatches } from './merchants/credentials.js';
import type { KeyLookup } from './merchants/key-lookup.js';
import type { CallbackKind, GatewayMetrics } from './metrics/gateway-metrics.js';
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
  /** Told of each M-Pesa callback or result arriving and stored (for the outbox relay). */
  ingest: IngestSignal;
  /** How authentication finds API keys. */
  keys: KeyLookup;
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
    const ms = performance.now() - started;
    // The route's pattern (`/api/v1/payments/:payment_id`), never the path: ids stay out of logs
    // and metric labels.
    const route = c.req.routePath;
    // Method, route and outcome only: headers and bodies (credentials, phone numbers) are never logged.
    logger.info(
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        path: route,
        status: c.res.status,
        ms: Math.round(ms),
      },
      'request',
    );
    deps.metrics?.httpRequestDuration.observe(
      {
        route,
        method: knownMethods.has(c.req.method) ? c.req.method : 'OTHER',
        status_class: `${Math.floor(c.res.status / 100)}xx`,
      },
      ms / 1000,
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
  const acknowledged = countAcknowledged(deps.metrics);
  app.post(
    '/callbacks/mpesa/:token',
    acknowledged('callback'),
    mpesaCallbackRoute(db, callbackOptions),
  );
  app.post(
    '/callbacks/mpesa/:token/results/:purpose/:target',
    acknowledged('result'),
    mpesaResultRoute(db, 'result', callbackOptions),
  );
  app.post(
    '/callbacks/mpesa/:token/timeouts/:purpose/:target',
    acknowledged('timeout'),
    mpesaResultRoute(db, 'timeout', callbackOptions),
  );

  // On the main port only behind its token; with METRICS_PORT, only there. Otherwise no route:
  // a 404 like any unknown path, so nothing tells a caller metrics exist.
  if (deps.metrics && config.metrics?.listen === undefined && config.metrics?.token) {
    app.get('/metrics', metricsRoute(deps.metrics, config.metrics.token, consume));
  }

  const handleSimulator = deps.mpesa.handleSimulator;
  if (handleSimulator) {
    // The simulator has no authentication: only callers on this machine may drive it.
    app.all(`${simulatorPrefix}/*`, simulatorRoute('Daraja', handleSimulator));
  }

  // The BUNI card simulator likewise: test mode's acquirer, for this machine only.
  app.all(
    `${buniSimulatorPrefix}/*`,
    simulatorRoute('BUNI', (request) => deps.buni.handleSimulator(request)),
  );

  app.use('/admin/v1/*', adminAuth(storedAdminTokenHash(db, deps.adminTokenHash), consume));
  app.route(
    '/admin/v1',
    adminRoutes(db, config.bodyLimitBytes, deps.callbackTokens, deps.publicUrl),
  );

  app.route('/', checkoutPageRoutes(deps, consume));
  app.route('/', referenceRoutes({ publicUrl: deps.publicUrl }));
  app.route('/', dashboardRoutes(deps, consume));

  bindRoutes(app, routeHandlers(deps), {
    idempotencyLockSeconds: config.idempotencyLockSeconds,
    // A create ties the payment to its key as it inserts it (with an STK push, with a card or
    // with fallback alike): the key is taken there, not claimed in a statement before.
    takesKeyOnWrite: new Set(['createPayment']),
    db,
    bodyLimitBytes: config.bodyLimitBytes,
    authenticate: authenticate(deps.keys, consume),
    limitByAddress: async (c, next) => {
      await consume(c, addressBucket(c));
      await next();
    },
  });
  return app;
}

/** Methods a metric label may name; anything else is `OTHER` (labels are a fixed set). */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Counts a callback route's 200s: M-Pesa told its body is stored. */
function countAcknowledged(metrics: GatewayMetrics | undefined) {
  return (kind: CallbackKind): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      await next();
      if (c.res.status === 200) metrics?.callbacksReceived.inc({ kind });
    };
}

/**
 * `GET /metrics`: the Prometheus text exposition. With a token, the caller must send
 * `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time against its SHA-256; on the
 * main port each try counts against the caller's address (`consume`), so guessing is rate limited.
 */
function metricsRoute(
  metrics: GatewayMetrics,
  token: string | undefined,
  consume?: ConsumeRate,
): Handler<AppEnv> {
  const tokenHash = token === undefined ? undefined : hashSecret(token);
  return async (c) => {
    if (tokenHash !== undefined) {
      await consume?.(c, addressBucket(c));
      const presented = /^Bearer\s+(\S{1,200})$/.exec(c.req.header('authorization') ?? '')?.[1];
      if (!presented || !secretMatches(presented, tokenHash)) {
        return c.json(
          errorBody(
            'AUTHENTICATION_FAILED',
            'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>, the token this gateway was started with.',
          ),
          401,
          { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        );
      }
    }
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType });
  };
}

/**
 * The metrics port (`METRICS_PORT`): `GET /metrics` and nothing else, behind the token when one
 * is set. It listens on METRICS_HOST, loopback by default, apart from the API.
 */
export function createMetricsApp(metrics: GatewayMetrics, token: string | undefined) {
  const app = new Hono<AppEnv>();
  app.get('/metrics', metricsRoute(metrics, token));
  app.notFound((c) =>
    c.json(
      errorBody(
        'NOT_FOUND',
        `No route ${c.req.method} ${c.req.path}: this port serves GET /metrics.`,
      ),
      404,
    ),
  );
  return app;
}

/**
 * A built-in simulator's route: loopback callers only (it has no authentication), and only the
 * methods the simulators speak; any other is a 404 like an unknown route, answered before a
 * `Request` is built for the simulator (Fetch refuses to build one for `TRACE` or `CONNECT`).
 */
function simulatorRoute(
  name: string,
  handle: (request: Request) => Promise<Response>,
): Handler<AppEnv> {
  return (c) => {
    if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) {
      return c.json(
        errorBody('NOT_FOUND', `The ${name} simulator answers loopback callers only.`),
        404,
      );
    }
    if (c.req.method !== 'GET' && c.req.method !== 'POST') {
      return c.json(
        errorBody('NOT_FOUND', `The ${name} simulator answers GET and POST only.`),
        404,
      );
    }
    return handle(c.req.raw);
  };
}

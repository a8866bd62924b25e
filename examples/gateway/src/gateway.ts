import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { createMemoryTokenStore } from '@malipo/daraja';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { createApp, createMetricsApp } from './api.js';
import { createLogger } from './cli/logger.js';
import { type GatewayConfig, GatewayConfigError } from './config/config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { errorBody } from './http/error-body.js';
import { createIngestSignal } from './jobs/ingest-signal.js';
import { createJobs, type Jobs } from './jobs/jobs.js';
import type { OutboxRelay } from './jobs/outbox-relay.js';
import { startBoss } from './jobs/queues.js';
import { ensureAdminToken } from './merchants/admin-token.js';
import { ensureTestMerchant, type TestMerchant } from './merchants/bootstrap.js';
import { keyLookup } from './merchants/key-lookup.js';
import { registerBacklogs } from './metrics/backlogs.js';
import { timedDarajaFetch } from './metrics/daraja-fetch.js';
import { createGatewayMetrics } from './metrics/gateway-metrics.js';
import { registerQueueDepth } from './metrics/queue-depth.js';
import { countSettlements } from './metrics/settlements.js';
import { createCallbackTokens } from './mpesa/callback-tokens.js';
import { createMpesa, type MpesaModes } from './mpesa/mpesa.js';
import { createProviderBreakers } from './providers/breakers.js';
import { type BuniModes, createBuni } from './providers/buni/buni.js';
import { createLoginLink } from './sign-in/sign-in.js';
import { createDatabaseTokenStore } from './stores/daraja-tokens-store.js';
import { releaseOrphanedKeys } from './stores/idempotency-store.js';
import { merchantsSharingWebhookSecrets } from './stores/merchants-store.js';
import { startWorkers } from './worker.js';

/** What runs in this process: the API, the workers, or both (the embedded default). */
export interface Roles {
  api: boolean;
  worker: boolean;
}

/** A running gateway process. */
export interface RunningGateway {
  /** Base URL of the API, when this process serves it. */
  url: string | undefined;
  /** Base URL of the metrics port (`METRICS_PORT`), when this process has one. */
  metricsUrl: string | undefined;
  /**
   * The API's fetch handler, when this process serves it; `env.incoming` is what the Node server
   * passes (its socket's remote address feeds the allowlists).
   */
  handle: ((request: Request, env?: unknown) => Promise<Response>) | undefined;
  db: Database;
  boss: PgBoss;
  jobs: Jobs;
  mpesa: MpesaModes;
  buni: BuniModes;
  merchant: TestMerchant;
  /** The admin token when this start made it (shown once), else undefined. */
  adminToken: string | undefined;
  /**
   * A one-time dashboard sign-in link for the test merchant, made when the merchant was just
   * created or the built-in simulator is in use (no real money); undefined otherwise.
   */
  loginLink: string | undefined;
  logger: Logger;
  /** Stops accepting requests, drains workers and closes the database. */
  close(): Promise<void>;
}

/** `holdKeys`: this process claims idempotency keys (serves the API); see `Database.holder`. */
export async function openDatabase(
  config: GatewayConfig,
  options: { holdKeys?: boolean } = {},
): Promise<Database> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url, {
        ...options,
        connectTimeoutMs: config.database.connectTimeoutMs,
      })
    : openPglite(config.database.dataDir);
}

/**
 * Starts a gateway process: its ports first (a busy port or a bad HOST fails before the database
 * is touched), then the database and its migrations, pg-boss, the API and/or workers, and last
 * the test merchant, so a start that fails never creates it and loses its one-time secret. Until
 * the app is bound the API answers 503; the HTTP server listens before the workers start, so the
 * hosted simulator is reachable when the first poll runs.
 */
export async function startGateway(config: GatewayConfig, roles: Roles): Promise<RunningGateway> {
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const metrics = config.metrics ? createGatewayMetrics() : undefined;
  let server: ServerType | undefined;
  let metricsServer: ServerType | undefined;
  let db: Database | undefined;
  let boss: PgBoss | undefined;
  let workerRunning = false;
  if (!roles.api && !config.publicUrl) {
    // A worker listens nowhere, yet its Daraja requests (status checks, balance queries) name
    // where their results come back: it cannot guess the API's address.
    throw new GatewayConfigError([
      "PUBLIC_URL: a worker tells Daraja where to send results, so it needs the API's public address (the PUBLIC_URL the api processes have, e.g. http://127.0.0.1:8000).",
    ]);
  }
  try {
    let url: string | undefined;
    // The app is bound once ready: with PORT=0 only after listening is the public URL (callbacks,
    // hosted simulator) known.
    let app: ReturnType<typeof createApp> | undefined;
    if (roles.api) {
      ({ server, url } = await listen(
        (request, env) =>
          app
            ? app.fetch(request, env)
            : Response.json(
                errorBody('SERVICE_UNAVAILABLE', 'The gateway is starting: retry in a moment.'),
                { status: 503, headers: { 'Retry-After': '1' } },
              ),
        config.host,
        config.port,
        config.requestTimeoutSeconds,
      ));
    }
    let metricsUrl: string | undefined;
    if (metrics && config.metrics?.listen) {
      const metricsApp = createMetricsApp(metrics, config.metrics.token);
      ({ server: metricsServer, url: metricsUrl } = await listen(
        (request, env) => metricsApp.fetch(request, env),
        config.metrics.listen.host,
        config.metrics.listen.port,
        config.requestTimeoutSeconds,
      ));
    }
    const opened = await openDatabase(config, { holdKeys: roles.api });
    // Settlements are counted once their transaction commits (see metrics/settlements.ts).
    db = metrics
      ? countSettlements(opened, (settled) => {
          for (const { provider, status } of settled)
            metrics.paymentsSettled.inc({ provider, status });
        })
      : opened;
    // Said before, so a slow first migration is not a silent one.
    logger.info('checking database migrations…');
    const applied = await migrate(db, {
      onPending: (count) =>
        logger.info(`applying ${count} database migration${count === 1 ? '' : 's'}…`),
    });
    logger.info(
      applied.length > 0
        ? `applied ${applied.length} database migrations (${applied[0]}${applied.length > 1 ? ` … ${applied.at(-1)}` : ''})`
        : 'database schema is up to date',
    );
    // PGlite is one process: a request in flight when it last stopped died with it.
    if (db.kind === 'pglite') await releaseOrphanedKeys(db);
    boss = await startBoss(db, { schedule: roles.worker });
    const jobs = createJobs(boss);
    if (metrics) {
      const unreadable = (error: unknown) =>
        logger.warn({ err: error }, 'metrics: could not read a gauge; dropped from this scrape');
      registerQueueDepth(metrics.registry, boss, unreadable);
      registerBacklogs(metrics.registry, db, unreadable);
    }
    let relay: OutboxRelay | undefined;
    // A burst: over 50 callbacks a second, 8 arriving at once, or 3 in a second taking over
    // 20 ms to store, into this process. On PGlite the API answers one body at a time, and
    // processing each as it comes holds the one connection for about 10 ms: so inline processing
    // itself caps arrivals near 100 a second, and the rate limit must sit well below that cap or a
    // burst that starts while bodies are processed is never recognised.
    const ingest = createIngestSignal({ perSecond: 50, concurrent: 8, slowMs: 20 });
    const admin = await ensureAdminToken(db, {
      given: config.adminToken,
      dataDir: config.database.kind === 'pglite' ? config.database.dataDir : undefined,
    });
    const publicUrl = (config.publicUrl ?? url) as string;
    // One secret callback token per mode: a callback proves its mode by the URL it arrives on.
    const callbackTokens = await createCallbackTokens(db, { publicUrl });
    const mpesa = await createMpesa(config, callbackTokens, {
      hostSimulator: roles.api,
      publicUrl,
      // Shared through the database when several processes may run; PGlite is one process.
      tokenStore: db.kind === 'postgres' ? createDatabaseTokenStore(db) : createMemoryTokenStore(),
      fetch: metrics && timedDarajaFetch(metrics),
    });
    const buni = createBuni({
      publicUrl,
      authorizationSeconds: config.cardAuthorizationSeconds,
    });
    const breakers = createProviderBreakers(config.providerBreaker);
    const keys = roles.api ? await keyLookup(db) : undefined;
    const built = keys
      ? createApp({
          db,
          boss,
          jobs,
          mpesa,
          buni,
          breakers,
          config,
          logger,
          adminTokenHash: admin.hash,
          callbackTokens,
          publicUrl,
          workerRunning: () => workerRunning,
          ingest,
          metrics,
          keys,
        })
      : undefined;
    if (roles.worker) {
      relay = await startWorkers(boss, { db, jobs, mpesa, buni, config, logger, ingest, metrics });
      workerRunning = true;
    }
    // Last: its API secret is shown once, by the start that creates it, so that start must be
    // one that succeeds.
    const merchant = await ensureTestMerchant(db, config.bootstrap);
    const sharing = await merchantsSharingWebhookSecrets(db);
    if (sharing.length > 0) {
      logger.warn(
        { merchants: sharing },
        `${sharing.length === 20 ? '20 or more merchants sign' : `${sharing.length} merchant${sharing.length === 1 ? ' signs' : 's sign'}`} test and live events with the same webhook secret (created before each mode had its own), so a test event can verify at their live receivers: run "admin webhook-secret rotate --merchant MER_ID --mode live" for each and give their live receivers the new secret`,
      );
    }
    // Bound only now: a request that passes /health may use the test merchant's key at once.
    app = built;
    const loginLink =
      roles.api &&
      (merchant.created || (config.mpesa.test.kind === 'simulator' && !config.mpesa.live))
        ? (await createLoginLink(db, merchant.merchantId, publicUrl)).url
        : undefined;
    const [runningBoss, runningDb] = [boss, db];
    let closing: Promise<void> | undefined;
    return {
      url,
      metricsUrl,
      handle: app
        ? async (request, env) => (app as NonNullable<typeof app>).fetch(request, env as never)
        : undefined,
      db: runningDb,
      boss: runningBoss,
      jobs,
      mpesa,
      buni,
      merchant,
      adminToken: admin.created,
      loginLink,
      logger,
      close() {
        closing ??= (async () => {
          workerRunning = false;
          await Promise.all([stopServer(server), stopServer(metricsServer)]);
          mpesa.simulator?.close();
          await relay?.stop();
          await runningBoss.stop({ graceful: true, timeout: 5_000 });
          await runningDb.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    metricsServer?.close();
    await boss?.stop({ graceful: false, timeout: 1_000 }).catch(() => {});
    await db?.close().catch(() => {});
    throw error;
  }
}

/**
 * Listens on `host:port`; the URL names loopback when listening on every interface. A request
 * not received whole within `requestTimeoutSeconds` gets a 408 and its connection is closed:
 * Node checks at most every 30 s (and at half the timeout when that is shorter).
 */
function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  host: string,
  port: number,
  requestTimeoutSeconds: number,
): Promise<{ server: ServerType; url: string }> {
  const requestTimeout = requestTimeoutSeconds * 1000;
  const serverOptions = {
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, 60_000),
    connectionsCheckingInterval: Math.min(30_000, Math.ceil(requestTimeout / 2)),
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port, serverOptions }, (info: AddressInfo) =>
      resolve({ server, url: `http://${reachableHost(host)}:${info.port}` }),
    );
    server.once('error', reject);
  });
}

/** Stops accepting connections and drops the idle kept-alive ones. */
function stopServer(server: ServerType | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

/** The address to reach a server listening on `host`: loopback for a wildcard, IPv6 bracketed. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

import * as z from 'zod';
import { listenHost } from './listen-host.js';
import { type DarajaCredentials, mpesaModes, mpesaModeVars } from './mpesa-modes.js';
import { trustedProxyProblems } from './trusted-proxies.js';

/** A configuration value the gateway cannot start with; the message names the variable. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`Invalid gateway configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
}

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false.' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

/** true/false when set, undefined when not (the default depends on other settings). */
const optionalFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false.' })
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));

/** A whole number when set, undefined when not (the default depends on other settings). */
const optionalInteger = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const parsed = Number(value);
      if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}.` });
        return z.NEVER;
      }
      return parsed;
    });

/** A whole number, `fallback` when not set. */
const integer = (fallback: number, min: number, max: number) =>
  optionalInteger(min, max).transform((value) => value ?? fallback);

/**
 * Up to 20 comma-separated whole seconds, each at most `max`; with `ascending`, each later than
 * the one before (times after one moment, not gaps between attempts).
 */
const secondsList = (
  fallback: readonly number[],
  bounds: { max: number; ascending?: boolean; example: string },
) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return [...fallback];
      const parts = value.split(',').map((part) => part.trim());
      const seconds = parts.map(Number);
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (parts.some((part) => !/^\d+$/.test(part)) || parts.length > 20)
        return fail(`expected up to 20 comma-separated whole seconds, e.g. "${bounds.example}".`);
      if (seconds.some((n) => n > bounds.max))
        return fail(`expected seconds of at most ${bounds.max}; got ${Math.max(...seconds)}.`);
      if (bounds.ascending && seconds.some((n, i) => i > 0 && n <= (seconds[i - 1] as number)))
        return fail(`expected each time later than the one before, e.g. "${bounds.example}".`);
      return seconds;
    });

const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL.' });

const env = z.object({
  PORT: integer(8000, 0, 65_535),
  HOST: listenHost.default('127.0.0.1'),
  /** Where callbacks and the simulator reach this gateway. */
  PUBLIC_URL: url
    .refine(
      (value) => !/[?#]/.test(value),
      'expected the address alone, without a ?query or #fragment (paths are added to it).',
    )
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user@host:port/database.')
    .refine(
      // An empty host (`user@/db?host=/run/postgresql`: a socket) is the driver's own form.
      (value) => URL.canParse(value.replace(/@\//, '@socket/')),
      'not a URL that can be read: write characters such as / @ # ? in the password percent-encoded (/ as %2F, @ as %40, # as %23, ? as %3F).',
    )
    .optional(),
  /** How long start-up waits for PostgreSQL to answer before saying it cannot connect. */
  DATABASE_CONNECT_TIMEOUT_SECONDS: integer(10, 1, 300),
  DATA_DIR: z.string().default('.malipo/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Readable lines or JSON; default: readable when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['pretty', 'json'], { error: 'expected pretty or json.' }).optional(),
  /** Where the `simulator` command listens. */
  SIMULATOR_PORT: integer(8001, 0, 65_535),
  /** Where the `admin` command finds the running gateway; default: loopback on PORT. */
  ADMIN_URL: url.optional(),
  /** A port of its own for `GET /metrics` (Prometheus); the main port then serves none. */
  METRICS_PORT: optionalInteger(0, 65_535),
  /** Where the metrics port listens: loopback unless the operator opens it. */
  METRICS_HOST: listenHost.optional(),
  /**
   * Bearer token `GET /metrics` requires: on the main port when there is no METRICS_PORT, and on
   * the metrics port too when set. Without it or a METRICS_PORT there is no metrics endpoint.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{24,200}$/, 'expected 24 to 200 characters without spaces (openssl rand -hex 32).')
    .optional(),
  ...mpesaModeVars,
  /** Base URL of a Daraja simulator running elsewhere (scale-out workers). */
  MPESA_SIMULATOR_URL: url.optional(),
  /** Safaricom's callback IP allowlist. Default: on with real Daraja, off with the simulator. */
  MPESA_CALLBACK_ALLOWLIST: optionalFlag,
  /** Proxies allowed to set X-Forwarded-For: addresses or CIDR ranges, comma-separated. */
  MPESA_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const problem of trustedProxyProblems(value))
        ctx.addIssue({ code: 'custom', message: problem });
    }),
  /**
   * Seconds after an accepted STK push (or an unanswered card charge) at which a payment still
   * pending is queried (the Daraja integration guide's inline polling), ascending.
   */
  MPESA_POLL_SCHEDULE: secondsList([30, 60, 120], {
    max: 86_400,
    ascending: true,
    example: '30,60,120',
  }),
  /** A payment still pending this many seconds after creation is queried by reconciliation… */
  RECONCILE_AFTER_SECONDS: integer(180, 1, 86_400),
  /** …and expired once this old with no answer from Daraja. */
  EXPIRE_AFTER_SECONDS: integer(900, 1, 86_400 * 7),
  RECONCILE_INTERVAL_SECONDS: integer(60, 1, 3_600),
  /**
   * How long a request holds its Idempotency-Key; a retry after a crash takes it over after this.
   * Must exceed the slowest request (Daraja's 30 s timeout after a token fetch).
   */
  IDEMPOTENCY_LOCK_SECONDS: integer(120, 35, 3_600),
  WEBHOOK_RETRY_INTERVALS: secondsList([0, 60, 300, 1_800, 7_200], {
    max: 604_800,
    example: '0,60,300',
  }),
  WEBHOOK_RETRY_INTERVALS_TEST: optionalFlag,
  // A batch of attempts must finish well inside its job's 120 s expiry, or the queue would run
  // it again beside the retry the gateway scheduled itself (a receiver would get it twice).
  WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 60_000),
  /**
   * Lets webhooks reach loopback, private and link-local addresses (local development). Default:
   * allowed against the simulator (no money moves), refused with real Safaricom credentials.
   */
  ALLOW_PRIVATE_WEBHOOK_URLS: optionalFlag,
  RATE_LIMIT_PER_MINUTE: integer(100, 1, 1_000_000),
  /** M-Pesa prompts hosted checkout pages may send one phone in ten minutes, across sessions. */
  CHECKOUT_PROMPTS_PER_PHONE: integer(5, 1, 1_000_000),
  /** How long a card authorisation (capture_method manual) holds before it expires: 7 days. */
  CARD_AUTHORIZATION_SECONDS: integer(604_800, 60, 2_592_000),
  /** Consecutive "down" answers that open a provider's circuit. */
  PROVIDER_BREAKER_FAILURES: integer(5, 1, 1_000),
  /** Seconds an open circuit waits before one request probes the provider again. */
  PROVIDER_BREAKER_HALF_OPEN_SECONDS: integer(30, 1, 3_600),
  /**
   * Daraja requests a minute per mode (one shortcode's budget, shared by every merchant), and
   * each merchant's share of it. Defaults: 120 and 60 against Safaricom; unlimited against the
   * simulator unless set.
   */
  MPESA_REQUESTS_PER_MINUTE: optionalInteger(1, 100_000),
  MPESA_MERCHANT_REQUESTS_PER_MINUTE: optionalInteger(1, 100_000),
  /** STK queries a minute per mode (Daraja budgets them apart; the sandbox reportedly allows 5). */
  MPESA_QUERY_REQUESTS_PER_MINUTE: optionalInteger(1, 100_000),
  /** Webhook endpoints one merchant may register (each event is sent to every one). */
  MAX_WEBHOOK_ENDPOINTS: integer(16, 1, 1_000),
  /**
   * Browser origins allowed to call the API (the dashboard's, an API explorer's), comma-separated;
   * `*` for any. None by default: server-to-server calls need no CORS.
   */
  CORS_ORIGINS: z
    .string()
    .regex(
      /^(\*|https?:\/\/[^,/\s]+)(,\s*(\*|https?:\/\/[^,/\s]+))*$/,
      'expected * or comma-separated origins such as https://dashboard.example.com.',
    )
    .optional(),
  BODY_LIMIT_BYTES: integer(1_048_576, 1_024, 10_485_760),
  /**
   * Seconds a client has to send a whole request, headers and body; then its connection is
   * closed (Node's own default is 300 s, which lets a slow sender hold a connection for minutes).
   */
  REQUEST_TIMEOUT_SECONDS: integer(30, 1, 300),
  TEST_MODE: flag(false),
  TEST_PROCESSING_DELAY: integer(1_000, 0, 600_000),
  TEST_PAYMENT_SUCCESS: flag(true),
  /** The operator's token for `/admin/v1/*` and the `admin` command (generated when absent). */
  ADMIN_TOKEN: z
    .string()
    .regex(
      /^\S{24,200}$/,
      'expected 24 to 200 characters without spaces (an HTTP header carries it).',
    )
    .optional(),
  /** Credentials of the test merchant created on first run (generated when absent). */
  API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, 'expected 8 to 100 letters, digits, - or _.')
    .refine(
      (value) => !value.startsWith('sk_live_'),
      'is the test merchant’s test key: a sk_live_ prefix would mislabel it (issue live keys with admin keys create --mode live).',
    )
    .optional(),
  API_SECRET: z.string().min(16, 'expected at least 16 characters.').max(200).optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/, 'expected whsec_ followed by base64.')
    .optional(),
});

/** Every environment variable the gateway reads (the README's Configuration table lists each). */
export const environmentVariables: readonly string[] = Object.keys(env.shape);

/** The test-mode retry intervals of the async webhooks guide: fast enough to watch, same shape as production. */
export const testRetryIntervals = [0, 5, 10, 15, 20] as const;

export type GatewayConfig = ReturnType<typeof loadConfig>;

/** The built-in Daraja simulator (test mode without sandbox credentials). */
export interface SimulatorConfig {
  kind: 'simulator';
  url: string | undefined;
  callbackDelayMs: number;
  paymentSuccess: boolean;
}

/** How one mode reaches M-Pesa. */
export type MpesaModeConfig = SimulatorConfig | DarajaCredentials;

/** Reads and checks the environment; every problem is reported at once, by variable name. */
export function loadConfig(source: Record<string, string | undefined> = process.env) {
  const parsed = env.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    throw new GatewayConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const modes = mpesaModes(e);
  const problems = [...modes.problems, ...metricsProblems(e), ...publicUrlProblems(e, modes.live)];
  if (e.MPESA_SIMULATOR_URL !== undefined && modes.test !== undefined) {
    problems.push(
      "MPESA_SIMULATOR_URL: test mode uses Daraja's sandbox when MPESA_TEST_* is set; remove one of the two.",
    );
  }
  if (problems.length > 0) throw new GatewayConfigError(problems);
  const test: MpesaModeConfig = modes.test ?? {
    kind: 'simulator',
    /** Where the simulator runs; undefined: inside this process. */
    url: e.MPESA_SIMULATOR_URL,
    callbackDelayMs: e.TEST_PROCESSING_DELAY,
    paymentSuccess: e.TEST_PAYMENT_SUCCESS,
  };
  // No real money anywhere: the simulator for test mode and no live mode.
  const simulated = test.kind === 'simulator' && modes.live === undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    /** Explicit PUBLIC_URL; otherwise derived from the address the API listens on. */
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? ({
          kind: 'postgres',
          url: e.DATABASE_URL,
          connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
        } as const)
      : ({ kind: 'pglite', dataDir: e.DATA_DIR } as const),
    logLevel: e.LOG_LEVEL,
    /** Undefined: pretty when stdout is a terminal, JSON otherwise. */
    logFormat: e.LOG_FORMAT,
    simulatorPort: e.SIMULATOR_PORT,
    adminUrl: e.ADMIN_URL?.replace(/\/$/, '') ?? `http://127.0.0.1:${e.PORT}`,
    /** `GET /metrics`: on its own port, or on the main one behind a token; undefined: none. */
    metrics:
      e.METRICS_PORT !== undefined || e.METRICS_TOKEN !== undefined
        ? {
            /** Undefined: on the main port (then `token` is set). */
            listen:
              e.METRICS_PORT === undefined
                ? undefined
                : { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1' },
            token: e.METRICS_TOKEN,
          }
        : undefined,
    /** Daraja per mode: test is the simulator or the sandbox; live is production, or absent. */
    mpesa: { test, live: modes.live },
    /** Daraja requests a minute: per mode (all merchants), and each merchant's share. */
    darajaBudget: {
      perMinute: (settings: MpesaModeConfig) =>
        e.MPESA_REQUESTS_PER_MINUTE ?? (settings.kind === 'daraja' ? 120 : undefined),
      queriesPerMinute: e.MPESA_QUERY_REQUESTS_PER_MINUTE,
      perMerchantPerMinute: (settings: MpesaModeConfig) =>
        e.MPESA_MERCHANT_REQUESTS_PER_MINUTE ?? (settings.kind === 'daraja' ? 60 : undefined),
    },
    // The simulator calls from loopback: Safaricom's allowlist is on by default only for the real thing.
    callbackAllowlist: {
      test: e.MPESA_CALLBACK_ALLOWLIST ?? test.kind === 'daraja',
      live: e.MPESA_CALLBACK_ALLOWLIST ?? true,
    },
    trustedProxies: e.MPESA_TRUSTED_PROXIES?.split(',').map((part) => part.trim()) ?? [],
    pollScheduleSeconds: e.MPESA_POLL_SCHEDULE,
    reconcileAfterSeconds: e.RECONCILE_AFTER_SECONDS,
    expireAfterSeconds: e.EXPIRE_AFTER_SECONDS,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    // The test intervals when asked for, and by default in TEST_MODE.
    webhookRetryIntervals:
      (e.WEBHOOK_RETRY_INTERVALS_TEST ?? e.TEST_MODE)
        ? [...testRetryIntervals]
        : e.WEBHOOK_RETRY_INTERVALS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    idempotencyLockSeconds: e.IDEMPOTENCY_LOCK_SECONDS,
    allowPrivateWebhookUrls: e.ALLOW_PRIVATE_WEBHOOK_URLS ?? simulated,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    checkoutPromptsPerPhone: e.CHECKOUT_PROMPTS_PER_PHONE,
    cardAuthorizationSeconds: e.CARD_AUTHORIZATION_SECONDS,
    providerBreaker: {
      failures: e.PROVIDER_BREAKER_FAILURES,
      halfOpenSeconds: e.PROVIDER_BREAKER_HALF_OPEN_SECONDS,
    },
    maxWebhookEndpoints: e.MAX_WEBHOOK_ENDPOINTS,
    corsOrigins: e.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [],
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    testMode: e.TEST_MODE,
    adminToken: e.ADMIN_TOKEN,
    bootstrap: { apiKey: e.API_KEY, apiSecret: e.API_SECRET, webhookSecret: e.WEBHOOK_SECRET },
  };
}

/** Production sends callbacks only to https: say so at start, naming the variable to set. */
function publicUrlProblems(e: z.infer<typeof env>, live: DarajaCredentials | undefined): string[] {
  if (live?.environment !== 'production' || e.PUBLIC_URL?.startsWith('https://')) return [];
  return [
    `PUBLIC_URL: live mode calls Safaricom production, which sends callbacks only to a public https:// address; set PUBLIC_URL to this gateway's https address (e.g. https://pay.example.com)${e.PUBLIC_URL ? `, not ${e.PUBLIC_URL}` : ''}.`,
  ];
}

/** Settings of the metrics endpoint that make no sense together. */
function metricsProblems(e: z.infer<typeof env>): string[] {
  const problems: string[] = [];
  if (e.METRICS_HOST !== undefined && e.METRICS_PORT === undefined) {
    problems.push(
      'METRICS_HOST: has no effect without METRICS_PORT; set METRICS_PORT too (or METRICS_TOKEN alone to serve /metrics on the main port).',
    );
  }
  if (
    e.METRICS_HOST !== undefined &&
    !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(e.METRICS_HOST) &&
    e.METRICS_TOKEN === undefined
  ) {
    problems.push(
      `METRICS_HOST: ${e.METRICS_HOST} opens /metrics beyond this machine; set METRICS_TOKEN too, so that only your scraper reads it.`,
    );
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    problems.push(
      `METRICS_PORT: must differ from PORT (${e.PORT}); leave it unset and set METRICS_TOKEN to serve /metrics on the main port.`,
    );
  }
  return problems;
}

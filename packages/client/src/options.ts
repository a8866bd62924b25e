import type { RouteName, RouteSpec } from '@malipo/contract';

/** Response schemas by operation name, for `validateResponses`: `routes` of `@malipo/contract` is one. */
export type ResponseSchemas = { readonly [K in RouteName]?: Pick<RouteSpec, 'response'> };

/** Options of `new Malipo(...)`. */
export interface MalipoOptions {
  /** `X-API-Key`, e.g. `sk_test_…`. */
  apiKey: string;
  /** `X-API-Secret`. Keep it on servers: it can move money. */
  apiSecret: string;
  /** The gateway's base URL, e.g. `http://127.0.0.1:8000` for the reference gateway. */
  baseUrl: string;
  /**
   * Per-attempt timeout in ms: for the answer's headers, then again for reading its body (ky's
   * reading of a timeout). At most 2147483647.
   * @default 30000
   */
  timeout?: number | undefined;
  /**
   * Total deadline for a call including every retry and wait, in ms. At most 2147483647.
   * @default 120000
   */
  deadline?: number | undefined;
  /**
   * Retries on network errors, timeouts, 408, 409 `IDEMPOTENCY_KEY_IN_USE`, 429 and 5xx, with
   * capped exponential backoff, jitter and a capped `Retry-After`; an answer whose body is cut
   * off or stalls is sent again from the same budget. Mutations carry one idempotency key across
   * every attempt, so a retry never creates a second payment.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** `fetch` to use (tests, proxies, instrumentation). Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * Checks every successful answer against its operation's response schema before returning it,
   * and throws `MalipoResponseValidationError` naming the field that does not fit. Pass the
   * contract's route table: `validateResponses: routes` (`import { routes } from
   * '@malipo/contract'`). Off by default: the response schemas are lenient (a newer gateway's
   * fields and statuses pass) and weigh more than the rest of the client in a bundle, so answers
   * are only checked to be JSON objects.
   * @default undefined
   */
  validateResponses?: ResponseSchemas | undefined;
  /**
   * The API secret must not ship to browsers. Set this only for trusted internal tools.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

export interface ResolvedOptions {
  apiKey: string;
  apiSecret: string;
  baseUrl: string;
  timeout: number;
  deadline: number;
  maxRetries: number;
  fetch: typeof fetch | undefined;
  validateResponses: ResponseSchemas | undefined;
}

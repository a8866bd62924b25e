import type { TokenStore } from '../token/token-store.js';

/** Which Daraja to talk to: Safaricom's sandbox, production, or any base URL (a simulator). */
export type DarajaEnvironment = 'sandbox' | 'production' | { baseUrl: string };

/** Options of {@link createDaraja}. */
export interface DarajaOptions {
  /**
   * `sandbox` (https://sandbox.safaricom.co.ke), `production` (https://api.safaricom.co.ke),
   * or `{ baseUrl }` for a simulator such as `@malipo/daraja/testing`'s.
   */
  environment: DarajaEnvironment;
  /** Consumer key of the Daraja app. */
  consumerKey: string;
  /** Consumer secret of the Daraja app. Never logged. */
  consumerSecret: string;
  /**
   * Business shortcode sent as `BusinessShortCode`: the paybill number, or for a till the
   * head-office/store number used at go-live.
   */
  shortcode: string;
  /** Lipa Na M-Pesa Online passkey for the shortcode. Never logged. */
  passkey: string;
  /**
   * Till number for Buy Goods: when set, STK pushes use `CustomerBuyGoodsOnline` with
   * `PartyB` = till. When absent, `CustomerPayBillOnline` with `PartyB` = shortcode.
   */
  tillNumber?: string | undefined;
  /**
   * Default `CallBackURL` for STK pushes. Must be HTTPS in production.
   */
  callbackUrl?: string | undefined;
  /**
   * The API operator (initiator) used by `b2cPayment`, `reverseTransaction`,
   * `transactionStatus` and `accountBalance`: its user name, and its password already encrypted
   * as Daraja's `SecurityCredential` (base64 of RSA PKCS#1 v1.5 with Safaricom's certificate of
   * the same environment). Make the credential once on a server with `createSecurityCredential`
   * from `@malipo/daraja/security-credential`, or on the Daraja portal, and keep it as a secret:
   * WebCrypto cannot produce it, so edge runtimes and browsers take it precomputed. The
   * initiator password expires every 90 days; the credential must be remade then.
   *
   * @example
   * initiator: { name: 'testapi', securityCredential: process.env.MPESA_SECURITY_CREDENTIAL! }
   */
  initiator?: { name: string; securityCredential: string } | undefined;
  /**
   * `PartyA` of B2C payments, balance queries and transaction status queries: the B2C
   * (bulk payment) shortcode when it is not the STK `shortcode`.
   * @default shortcode
   */
  b2cShortcode?: string | undefined;
  /**
   * Default `ResultURL` of the asynchronous APIs (B2C, reversal, transaction status, account
   * balance): Daraja POSTs the outcome there. Must be HTTPS in production.
   */
  resultUrl?: string | undefined;
  /**
   * Default `QueueTimeOutURL`: Daraja POSTs there when a request timed out in its queue before
   * being processed. Must be HTTPS in production.
   * @default resultUrl (parse both with `parseDarajaResult`)
   */
  queueTimeoutUrl?: string | undefined;
  /**
   * Per-attempt timeout in milliseconds.
   * @default 30000
   */
  timeoutMs?: number | undefined;
  /**
   * Retries for token fetches and STK queries on network errors, timeouts, 429, 5xx and spike
   * arrest, with capped exponential backoff and full jitter. STK pushes are never retried
   * automatically: a retry could prompt the customer twice.
   * @default { limit: 3, backoffLimitMs: 8000 }
   */
  retry?: { limit?: number | undefined; backoffLimitMs?: number | undefined } | undefined;
  /**
   * Client-side rate limit across all calls of this client (Daraja's documented 120 a minute is
   * `{ limit: 120, intervalMs: 60_000 }`). Off by default.
   */
  rateLimit?: { limit: number; intervalMs: number } | undefined;
  /**
   * Refresh the token this many milliseconds before it expires.
   * @default 60000
   */
  tokenRefreshMarginMs?: number | undefined;
  /**
   * Where OAuth tokens are cached. Defaults to a process-wide in-memory store.
   */
  tokenStore?: TokenStore | undefined;
  /**
   * Maximum `AccountReference` length. Daraja documents 12; raise only if Safaricom confirmed more for you.
   * @default 12
   */
  accountReferenceMaxLength?: number | undefined;
  /** `fetch` to use (tests, proxies, instrumentation). Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /** Clock in epoch milliseconds; inject one in tests instead of patching `Date.now`. */
  now?: (() => number) | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedDarajaConfig {
  baseUrl: string;
  environment: 'sandbox' | 'production' | 'custom';
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  tillNumber: string | undefined;
  callbackUrl: string | undefined;
  initiator: { name: string; securityCredential: string } | undefined;
  b2cShortcode: string;
  resultUrl: string | undefined;
  queueTimeoutUrl: string | undefined;
  timeoutMs: number;
  retryLimit: number;
  backoffLimitMs: number;
  rateLimit: { limit: number; intervalMs: number } | undefined;
  tokenRefreshMarginMs: number;
  tokenStore: TokenStore | undefined;
  accountReferenceMaxLength: number;
  fetch: typeof fetch | undefined;
  now: () => number;
}

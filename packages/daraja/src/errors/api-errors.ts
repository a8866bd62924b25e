import { redacted, withoutCredentials } from '../internal/redact.js';
import { DarajaError, matchesDarajaError } from './daraja-error.js';

/** How the error body Daraja sent was shaped. Daraja does not always use its own envelope. */
export type DarajaErrorBodyKind =
  /** `{ requestId, errorCode, errorMessage }`, Daraja's documented envelope. */
  | 'envelope'
  /** `{ fault: { faultstring, detail: { errorcode } } }` from the Apigee proxy (wrong path, retired API). */
  | 'fault'
  /** No body at all (bad OAuth credentials answer HTTP 400 with nothing). */
  | 'empty'
  /** An HTML page from a proxy or firewall in front of Daraja. */
  | 'html'
  /** Any other body, kept verbatim in `raw`. */
  | 'other';

/** Details of an HTTP error answered by Daraja. */
export interface DarajaApiErrorDetails {
  /** HTTP status of the response. */
  status: number;
  /** Daraja `errorCode` such as `404.001.03`, or the Apigee fault code. */
  errorCode?: string | undefined;
  /** Daraja `errorMessage`, or the Apigee `faultstring`. */
  errorMessage?: string | undefined;
  /** Daraja `requestId`, quote it to Safaricom support. */
  requestId?: string | undefined;
  /** Shape of the body. */
  bodyKind: DarajaErrorBodyKind;
  /** The body as received (parsed JSON, or text). */
  raw: unknown;
}

/** Codes Daraja uses, per product, to say the bearer token is invalid or expired. */
export const invalidTokenErrorCodes: readonly string[] = [
  '404.001.03',
  '401.002.01',
  '400.003.01',
  '401.003.01',
];

/** Codes that mean Daraja is overloaded or rate limiting: safe to retry later. */
const transientErrorCodes = ['500.003.02', '500.003.03', '500.003.1001'];

/** Daraja answered with an error. */
export class DarajaApiError extends DarajaError {
  override name = 'DarajaApiError';
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly bodyKind: DarajaErrorBodyKind;
  readonly raw: unknown;

  constructor(details: DarajaApiErrorDetails, message?: string, code?: 'auth_failed') {
    super(code ?? 'api_error', message ?? describe(details));
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMessage = details.errorMessage;
    this.requestId = details.requestId;
    this.bodyKind = details.bodyKind;
    this.raw = redacted(details.raw);
  }

  /** True when Daraja rejected the bearer token; the client refreshes it and retries once. */
  get isInvalidToken(): boolean {
    return this.errorCode !== undefined && invalidTokenErrorCodes.includes(this.errorCode);
  }

  /** True for 429, 502-504, spike arrest and quota violations: worth retrying with backoff. */
  get isTransient(): boolean {
    if (this.errorCode !== undefined && transientErrorCodes.includes(this.errorCode)) return true;
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** The OAuth token request failed: wrong consumer key/secret, or keys of the other environment. */
export class DarajaAuthError extends DarajaApiError {
  override name = 'DarajaAuthError';

  constructor(details: DarajaApiErrorDetails) {
    super(
      details,
      `OAuth token request failed with HTTP ${details.status}${details.errorMessage ? ` (${details.errorMessage})` : ''}. Check consumerKey and consumerSecret, and that they belong to the configured environment (sandbox keys do not work in production).`,
      'auth_failed',
    );
  }
}

/** The request got no HTTP answer: a network failure or a timeout (`code` tells which). */
export class DarajaNetworkError extends DarajaError {
  override name = 'DarajaNetworkError';

  constructor(timedOut: boolean, url: string, cause: unknown) {
    super(
      timedOut ? 'timeout' : 'network_error',
      timedOut
        ? `no answer from ${url} within the timeout. Raise \`timeoutMs\` or check connectivity to Daraja.`
        : `could not reach ${url}: ${withoutCredentials(cause instanceof Error ? cause.message : String(cause))}`,
      { cause: redactedCause(cause) },
    );
  }
}

/**
 * The cause chain reduced to names, messages and codes. A fetch implementation's error may hold
 * the `Request` (with its `Authorization: Basic <key:secret>` or bearer token) somewhere in its
 * chain, and `util.inspect`/`console.error` print whatever the chain holds.
 */
function redactedCause(cause: unknown, depth = 0): Error | undefined {
  if (!(cause instanceof Error) || depth > 3) return undefined;
  const copy = new Error(withoutCredentials(cause.message), {
    cause: redactedCause(cause.cause, depth + 1),
  });
  copy.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    (copy as Error & { code?: string | number }).code = code;
  }
  return copy;
}

/** Daraja answered 2xx with a body that does not have the documented shape. */
export class DarajaResponseError extends DarajaError {
  override name = 'DarajaResponseError';
  /** The body as received, with any credential it repeats blanked. */
  readonly raw: unknown;

  constructor(what: string, problem: string, raw: unknown) {
    super('invalid_response', `unexpected ${what} response from Daraja: ${problem}`);
    this.raw = redacted(raw);
  }
}

function describe(details: DarajaApiErrorDetails): string {
  const what = [details.errorCode, details.errorMessage].filter(Boolean).join(' ');
  const request = details.requestId ? ` (requestId ${details.requestId})` : '';
  switch (details.bodyKind) {
    case 'fault':
      return `Daraja's proxy answered HTTP ${details.status}: ${what}. The path or API version is probably wrong or retired.`;
    case 'html':
      return `Daraja answered HTTP ${details.status} with an HTML page, likely a firewall or proxy block.`;
    case 'empty':
      return `Daraja answered HTTP ${details.status} with an empty body.`;
    default:
      return `Daraja answered HTTP ${details.status}: ${what || 'no error details'}${request}.`;
  }
}

/** True for {@link DarajaApiError} and {@link DarajaAuthError}, even across bundles. */
export function isDarajaApiError(error: unknown): error is DarajaApiError {
  return (
    error instanceof DarajaApiError ||
    matchesDarajaError(error, ['DarajaApiError', 'DarajaAuthError'])
  );
}

/** True for {@link DarajaNetworkError} (network failure or timeout), even across bundles. */
export function isDarajaNetworkError(error: unknown): error is DarajaNetworkError {
  return error instanceof DarajaNetworkError || matchesDarajaError(error, ['DarajaNetworkError']);
}

import { retryWaitMs } from '../http/retry-timing.js';
import { MalipoError, matchesName, type ResponseMeta } from './malipo-error.js';

/** The gateway answered with an error. Subclasses narrow by status and code. */
export class MalipoApiError extends MalipoError {
  override name = 'MalipoApiError';
  readonly status: number;
  /** Dotted path of the offending input, e.g. `metadata.phone_number`, when the gateway names one. */
  readonly field: string | undefined;
  readonly headers: Headers;
  readonly idempotencyKey: string | undefined;
  /** The error body as received. */
  readonly raw: unknown;

  constructor(
    meta: ResponseMeta,
    code: string,
    message: string,
    field: string | undefined,
    raw: unknown,
  ) {
    super(code, message, { requestId: meta.requestId });
    this.status = meta.status;
    this.field = field;
    this.headers = meta.headers;
    this.idempotencyKey = meta.idempotencyKey;
    this.raw = raw;
  }
}

/** 400, 413, 415: the request is invalid; `field` says where. Do not retry unchanged. */
export class MalipoInvalidRequestError extends MalipoApiError {
  override name = 'MalipoInvalidRequestError';
}

/** 401: wrong or missing `X-API-Key` / `X-API-Secret`. */
export class MalipoAuthenticationError extends MalipoApiError {
  override name = 'MalipoAuthenticationError';
}

/** 402: the merchant balance cannot cover the operation (payouts, refunds). */
export class MalipoPaymentRequiredError extends MalipoApiError {
  override name = 'MalipoPaymentRequiredError';
}

/** 404: no such object for this merchant. */
export class MalipoNotFoundError extends MalipoApiError {
  override name = 'MalipoNotFoundError';
}

/** 409: the object is not in a state that allows this (e.g. capturing a failed payment). */
export class MalipoConflictError extends MalipoApiError {
  override name = 'MalipoConflictError';
}

/**
 * An `Idempotency-Key` problem: 422 `IDEMPOTENCY_KEY_REUSED` (same key, different body: a bug in
 * your code) or 409 `IDEMPOTENCY_KEY_IN_USE` (still in flight after all retries).
 */
export class MalipoIdempotencyError extends MalipoConflictError {
  override name = 'MalipoIdempotencyError';
}

/**
 * 429: slow down. `retryAfter` is the server's hint in seconds (from `Retry-After` or a
 * rate-limit reset header, as delta-seconds or an HTTP date), or `undefined` when it gave none.
 */
export class MalipoRateLimitError extends MalipoApiError {
  override name = 'MalipoRateLimitError';
  /** Seconds to wait, or `undefined` when the server gave no usable hint. */
  get retryAfter(): number | undefined {
    const ms = retryWaitMs(this.headers);
    return ms === undefined ? undefined : Math.ceil(ms / 1000);
  }
}

/** 502: the payment provider (e.g. M-Pesa) failed or is unreachable. */
export class MalipoProviderError extends MalipoApiError {
  override name = 'MalipoProviderError';
}

/** 500, 503 and other 5xx: the gateway failed. Retried automatically before you see it. */
export class MalipoServerError extends MalipoApiError {
  override name = 'MalipoServerError';
}

/** True for any {@link MalipoApiError}, even across bundles (also under its former name). */
export function isMalipoApiError(error: unknown): error is MalipoApiError {
  return (
    error instanceof MalipoApiError ||
    matchesName(error, [
      'MalipoApiError',
      'MalipoAPIError',
      'MalipoInvalidRequestError',
      'MalipoAuthenticationError',
      'MalipoPaymentRequiredError',
      'MalipoNotFoundError',
      'MalipoConflictError',
      'MalipoIdempotencyError',
      'MalipoRateLimitError',
      'MalipoProviderError',
      'MalipoServerError',
    ])
  );
}

/** @deprecated Use {@link MalipoApiError}: the same class under the package family's `Api` casing. */
export const MalipoAPIError = MalipoApiError;
/** @deprecated Use {@link MalipoApiError}. */
export type MalipoAPIError = MalipoApiError;

/** @deprecated Use {@link isMalipoApiError}. */
export const isMalipoAPIError = isMalipoApiError;

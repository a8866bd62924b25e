import { MalipoError, matchesName } from './malipo-error.js';

/** What the gateway may have done meanwhile: the key to send the same request again under. */
export interface UnansweredErrorOptions {
  cause?: unknown;
  requestId?: string | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * No HTTP answer: DNS, refused connection, TLS, reset. Retried before you see it. A POST may
 * have reached the gateway: send it again with `idempotencyKey` to never act twice.
 */
export class MalipoConnectionError extends MalipoError {
  override name = 'MalipoConnectionError';
  /** The Idempotency-Key the request was sent with (POSTs); pass it to the retry. */
  readonly idempotencyKey: string | undefined;

  constructor(code: string, message: string, options?: UnansweredErrorOptions) {
    super(code, message, options);
    this.idempotencyKey = options?.idempotencyKey;
  }
}

/**
 * No answer in time: per attempt (`timeout`) after all retries, or the total `deadline`. A POST
 * may have been carried out: send it again with `idempotencyKey` to never act twice.
 */
export class MalipoTimeoutError extends MalipoError {
  override name = 'MalipoTimeoutError';
  /** The Idempotency-Key the request was sent with (POSTs); pass it to the retry. */
  readonly idempotencyKey: string | undefined;

  constructor(code: string, message: string, options?: UnansweredErrorOptions) {
    super(code, message, options);
    this.idempotencyKey = options?.idempotencyKey;
  }
}

/** Your arguments failed the contract before anything was sent. `field` says where. */
export class MalipoValidationError extends MalipoError {
  override name = 'MalipoValidationError';
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_params', `invalid \`${field}\`: ${message}`);
    this.field = field;
  }
}

/** An option of `new Malipo()` is invalid. `field` names it. */
export class MalipoOptionsError extends MalipoError {
  override name = 'MalipoOptionsError';
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_options', `invalid option \`${field}\`: ${message}`);
    this.field = field;
  }
}

/**
 * The gateway answered 2xx with a body the contract does not describe. Kept separate from HTTP
 * errors: the request itself succeeded (a payment may exist), so do not blindly retry.
 */
export class MalipoResponseValidationError extends MalipoError {
  override name = 'MalipoResponseValidationError';
  readonly raw: unknown;

  constructor(message: string, raw: unknown, requestId: string | undefined) {
    super('invalid_response', message, { requestId });
    this.raw = raw;
  }
}

/** True for a {@link MalipoTimeoutError}, also one from another copy of `@malipo/client`. */
export function isMalipoTimeoutError(error: unknown): error is MalipoTimeoutError {
  return error instanceof MalipoTimeoutError || matchesName(error, ['MalipoTimeoutError']);
}

/** True for a {@link MalipoConnectionError}, also one from another copy of `@malipo/client`. */
export function isMalipoConnectionError(error: unknown): error is MalipoConnectionError {
  return error instanceof MalipoConnectionError || matchesName(error, ['MalipoConnectionError']);
}

/** True for a {@link MalipoValidationError}, also one from another copy of `@malipo/client`. */
export function isMalipoValidationError(error: unknown): error is MalipoValidationError {
  return error instanceof MalipoValidationError || matchesName(error, ['MalipoValidationError']);
}

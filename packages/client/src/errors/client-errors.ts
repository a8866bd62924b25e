import { MalipoError, matchesName } from './malipo-error.js';

/** No HTTP answer: DNS, refused connection, TLS, reset. Retried before you see it. */
export class MalipoConnectionError extends MalipoError {
  override name = 'MalipoConnectionError';
}

/** No answer in time: per attempt (`timeout`) after all retries, or the total `deadline`. */
export class MalipoTimeoutError extends MalipoError {
  override name = 'MalipoTimeoutError';
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

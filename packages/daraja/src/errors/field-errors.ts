import { DarajaError, matchesDarajaError } from './daraja-error.js';

/** The options passed to `createDaraja` are invalid. `field` names the offending option. */
export class DarajaConfigError extends DarajaError {
  override name = 'DarajaConfigError';
  /** Dotted path of the invalid option, e.g. `environment.baseUrl`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_config', `invalid configuration \`${field}\`: ${message}`);
    this.field = field;
  }
}

/**
 * An argument to a public function is invalid. Thrown before any network call, so nothing
 * reached Daraja and it is safe to correct the input and call again.
 */
export class DarajaValidationError extends DarajaError {
  override name = 'DarajaValidationError';
  /** Dotted path of the invalid argument, e.g. `phone` or `amount`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid_input', `invalid \`${field}\`: ${message}`);
    this.field = field;
  }
}

/**
 * A body Daraja posts (an STK callback, an async `Result`, a C2B validation or confirmation) is
 * not of the expected kind, or lacks a field a successful payment must carry. Answer the sender
 * 400 and keep the raw body for review.
 */
export class DarajaCallbackError extends DarajaError {
  override name = 'DarajaCallbackError';
  /** Dotted path of the missing or malformed field, e.g. `Body.stkCallback.CheckoutRequestID`. */
  readonly field: string;

  /** `what` names the kind of body expected, e.g. `'Daraja result'`. */
  constructor(field: string, message: string, what = 'STK callback') {
    super('invalid_callback', `not a valid ${what} at \`${field}\`: ${message}`);
    this.field = field;
  }
}

/** True for {@link DarajaValidationError} and {@link DarajaConfigError}, even across bundles. */
export function isDarajaValidationError(
  error: unknown,
): error is DarajaValidationError | DarajaConfigError {
  return (
    error instanceof DarajaValidationError ||
    error instanceof DarajaConfigError ||
    matchesDarajaError(error, ['DarajaValidationError', 'DarajaConfigError'])
  );
}

/** True for {@link DarajaCallbackError}, even across bundles. */
export function isDarajaCallbackError(error: unknown): error is DarajaCallbackError {
  return error instanceof DarajaCallbackError || matchesDarajaError(error, ['DarajaCallbackError']);
}

/** Stable machine-readable codes carried by every {@link DarajaError}. */
export type DarajaErrorCode =
  /** The options passed to `createDaraja` are invalid. */
  | 'invalid_config'
  /** An argument to a public function is invalid; nothing was sent to Daraja. */
  | 'invalid_input'
  /** Daraja answered with an error (envelope, Apigee fault, empty body or HTML). */
  | 'api_error'
  /** The OAuth request failed: wrong consumer key/secret or the wrong environment. */
  | 'auth_failed'
  /** The request never got an HTTP answer (DNS, connection reset, TLS). */
  | 'network_error'
  /** No answer within the configured timeout. */
  | 'timeout'
  /** Daraja answered 2xx with a body that does not have the documented shape. */
  | 'invalid_response'
  /** A callback body is not a Daraja callback of the expected kind. */
  | 'invalid_callback';

/**
 * Base class of every error thrown by `@malipo/daraja`. Match with {@link isDarajaError} rather
 * than `instanceof` when the error may cross bundle boundaries.
 */
export class DarajaError extends Error {
  override name = 'DarajaError';
  /** Stable code; safe to switch on. */
  readonly code: DarajaErrorCode;

  constructor(code: DarajaErrorCode, message: string, options?: { cause?: unknown }) {
    super(`@malipo/daraja: ${message}`, options);
    this.code = code;
  }
}

function hasName(error: unknown, names: readonly string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { name?: unknown }).name === 'string' &&
    names.includes((error as { name: string }).name) &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

const darajaErrorNames = [
  'DarajaError',
  'DarajaConfigError',
  'DarajaValidationError',
  'DarajaApiError',
  'DarajaAuthError',
  'DarajaNetworkError',
  'DarajaResponseError',
  'DarajaCallbackError',
];

/** True for any error thrown by this package, even from another copy of it. */
export function isDarajaError(error: unknown): error is DarajaError {
  return error instanceof DarajaError || hasName(error, darajaErrorNames);
}

/** @internal shared by the subclass guards. */
export function matchesDarajaError(error: unknown, names: readonly string[]): boolean {
  return hasName(error, names);
}

/** Facts about the HTTP exchange behind a result or an error. */
export interface ResponseMeta {
  status: number;
  headers: Headers;
  /** The gateway's `X-Request-Id`: quote it when asking for support. */
  requestId: string | undefined;
  /** The `Idempotency-Key` sent, when the request was a mutation. */
  idempotencyKey: string | undefined;
}

/**
 * Base class of every error thrown by `@malipo/client`. Match with the `is…` guards, which also
 * work across bundles (they compare `name`).
 */
export class MalipoError extends Error {
  override name = 'MalipoError';
  /** Stable machine-readable code: the gateway's error code, or a client code. */
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; requestId?: string | undefined },
  ) {
    super(`@malipo/client: ${message}`, options);
    this.code = code;
    this.requestId = options?.requestId;
  }
}

const hasName = (error: unknown, names: readonly string[]) =>
  typeof error === 'object' &&
  error !== null &&
  names.includes((error as { name?: string }).name ?? '') &&
  typeof (error as { code?: unknown }).code === 'string';

/** @internal */
export const matchesName = hasName;

/** True for any error from `@malipo/client`. */
export function isMalipoError(error: unknown): error is MalipoError {
  return (
    error instanceof MalipoError ||
    (typeof error === 'object' &&
      error !== null &&
      String((error as { name?: string }).name).startsWith('Malipo') &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}

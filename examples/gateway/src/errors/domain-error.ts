import type { ErrorCode } from '@malipo/contract';

/**
 * A refusal any layer below the HTTP handlers may throw: a stable code from the API's error
 * catalogue, a message that says what to fix, and the offending field. It carries no HTTP status
 * or header; the HTTP layer maps the code to one (`errorCodes` in `@malipo/contract`).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string | undefined,
    /** For `RATE_LIMITED`: when the caller may try again. */
    readonly retryAfterSeconds?: number | undefined,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** What went wrong, as a stable code: `usage` for a bad command line, `send_failed` otherwise. */
export type CliErrorCode = 'usage' | 'send_failed';

/**
 * The base error of `@malipo/cli`. `exitCode` is what the `malipo` command exits with: 2 for a
 * bad command line (a flag, a value, an event type), 1 when the command ran and failed.
 */
export class MalipoCliError extends Error {
  override name = 'MalipoCliError';
  readonly code: CliErrorCode;
  readonly exitCode: 1 | 2;

  constructor(code: CliErrorCode, message: string, options?: ErrorOptions) {
    super(`malipo: ${message}`, options);
    this.code = code;
    this.exitCode = code === 'usage' ? 2 : 1;
  }
}

/** A bad flag, a missing value, an unknown event type or `--data` the contract refuses. */
export class CliUsageError extends MalipoCliError {
  override name = 'CliUsageError';

  constructor(message: string, options?: ErrorOptions) {
    super('usage', message, options);
  }
}

/** Matches by `name` too, so an error from another copy of the package is recognised. */
export function isMalipoCliError(error: unknown): error is MalipoCliError {
  return (
    error instanceof MalipoCliError ||
    (error instanceof Error && (error.name === 'MalipoCliError' || error.name === 'CliUsageError'))
  );
}

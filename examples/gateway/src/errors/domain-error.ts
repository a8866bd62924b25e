import { type ErrorCode, errorCodes } from '@malipo/contract';

/** An answer in seed 000's error envelope. Thrown anywhere below a route; rendered by `onError`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string | undefined,
    readonly headers?: Record<string, string> | undefined,
  ) {
    super(message);
    this.status = errorCodes[code];
  }

  toBody() {
    return errorBody(this.code, this.message, this.field);
  }
}

/** `{ success: false, error: { code, message, field } }` */
export function errorBody(code: ErrorCode, message: string, field?: string | undefined) {
  return { success: false as const, error: { code, message, field: field ?? null } };
}

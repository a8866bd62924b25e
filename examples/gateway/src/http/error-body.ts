import { type ErrorCode, errorCodes } from '@malipo/contract';
import type { DomainError } from '../errors/domain-error.js';

/**
 * `{ success: false, error: { code, message, field } }`: the error envelope of the hosted-gateway
 * integration guide, used by every route.
 */
export function errorBody(code: ErrorCode, message: string, field?: string | undefined) {
  return { success: false as const, error: { code, message, field: field ?? null } };
}

/** The HTTP answer for a domain refusal: its status from the contract's code table. */
export function errorReply(error: DomainError) {
  return {
    status: errorCodes[error.code],
    body: errorBody(error.code, error.message, error.field),
    headers:
      error.retryAfterSeconds === undefined
        ? undefined
        : { 'Retry-After': String(error.retryAfterSeconds) },
  };
}

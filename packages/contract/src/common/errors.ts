import * as z from 'zod/mini';
import { openEnum } from './lenient.js';

/**
 * Error codes and the HTTP status each answers with (seed 000's table plus the `/api/v1`
 * extensions). Clients read codes leniently: an unknown code is still an error.
 */
export const errorCodes = {
  INVALID_REQUEST: 400,
  INVALID_PHONE: 400,
  INVALID_AMOUNT: 400,
  INVALID_CURRENCY: 400,
  INVALID_PROVIDER: 400,
  INVALID_STATE: 409,
  AUTHENTICATION_FAILED: 401,
  INSUFFICIENT_BALANCE: 402,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  PROVIDER_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Seed 000's error envelope: `{ success: false, error: { code, message, field? } }`. */
export const errorEnvelope = z.looseObject({
  success: z.literal(false),
  error: z.looseObject({
    code: openEnum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    /** Dotted path of the offending input, e.g. `metadata.phone_number`. */
    field: z.optional(z.nullable(z.string())),
  }),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

import * as z from 'zod/mini';
import { doc, sometimes } from './doc.js';
import { openEnum } from './lenient.js';

/**
 * Error codes and the HTTP status each answers with (the hosted-gateway integration guide's
 * table plus the `/api/v1` extensions). Clients read codes leniently: an unknown code is still an
 * error.
 */
export const errorCodes = {
  INVALID_REQUEST: 400,
  INVALID_PHONE: 400,
  INVALID_AMOUNT: 400,
  INVALID_CURRENCY: 400,
  INVALID_PROVIDER: 400,
  INVALID_STATE: 409,
  AUTHENTICATION_FAILED: 401,
  /** The key's mode is not set up on this gateway (a live key without production credentials). */
  MODE_NOT_CONFIGURED: 403,
  INSUFFICIENT_BALANCE: 402,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  /** An operation this gateway does not offer (yet). */
  NOT_IMPLEMENTED: 501,
  PROVIDER_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The error envelope: `{ success: false, error: { code, message, field } }`. */
export const errorEnvelope = z.looseObject({
  success: doc(z.literal(false), 'Always false on an error.', false),
  error: doc(
    z.looseObject({
      code: doc(
        openEnum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
        'Stable error code. New codes may be added: handle an unknown one by its HTTP status.',
        'INVALID_AMOUNT',
      ),
      message: doc(
        z.string(),
        'What went wrong and what to do, for a developer (not for end users).',
        'M-Pesa takes whole shillings: amount_cents must be a multiple of 100 (10000 is KES 100).',
      ),
      /** Dotted path of the offending input, e.g. `metadata.phone_number`. */
      field: doc(
        z.optional(z.nullable(z.string())),
        'Dotted path of the offending input, e.g. `metadata.phone_number`; null when no single field is at fault.',
        'amount_cents',
      ),
      /** The payment a failed create made (502 `PROVIDER_ERROR` from create payment). */
      payment_id: sometimes(
        doc(
          z.optional(z.string()),
          'Only on a 502 from creating a payment: the payment that was recorded as FAILED.',
          'pay_3k9x2m7q1w8e5r4t6y0u',
        ),
      ),
      /** The payout a refused send left FAILED (502 `PROVIDER_ERROR` from sending a payout). */
      payout_id: sometimes(
        doc(
          z.optional(z.string()),
          'Only on a 502 from sending a payout: the payout M-Pesa refused, recorded as FAILED.',
          'po_5n9r3v7z1d4h8l2p6t0x',
        ),
      ),
      /** The refund a refused send left FAILED (502 `PROVIDER_ERROR` from refunding). */
      refund_id: sometimes(
        doc(
          z.optional(z.string()),
          'Only on a 502 from refunding: the refund M-Pesa refused, recorded as FAILED.',
          're_4m8q2w6e0r3t7y1u5i9o',
        ),
      ),
    }),
    'The error itself.',
    { code: 'NOT_FOUND', message: 'No payment pay_3k9x2m7q1w8e5r4t6y0u.', field: 'payment_id' },
  ),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

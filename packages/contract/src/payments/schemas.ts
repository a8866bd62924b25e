import * as z from 'zod/mini';
import {
  amountCents,
  currency,
  httpUrl,
  isoDate,
  listQuery,
  providerRead,
  providers,
  statusRead,
} from '../common/primitives.js';

/**
 * Body of `POST /api/payments/create` (seed 000) and `POST /api/v1/payments`. Strict: unknown
 * top-level fields are refused so typos surface as a 400 naming the field.
 */
export const createPaymentRequest = z.strictObject({
  /** Integer cents; M-Pesa takes whole shillings, so multiples of 100 there. */
  amount_cents: amountCents,
  currency,
  provider: z.enum(providers, { error: `provider must be one of ${providers.join(', ')}.` }),
  metadata: z.optional(
    z
      .looseObject({
        /** Customer phone for M-Pesa: 2547XXXXXXXX / 2541XXXXXXXX (07…, +254… are normalised). */
        phone_number: z.optional(z.string({ error: 'metadata.phone_number must be a string.' })),
        /** Shown to the customer (truncated to 13 characters for M-Pesa). */
        description: z.optional(z.string().check(z.maxLength(255))),
        /** Your order id; echoed in webhooks. */
        order_reference: z.optional(z.string().check(z.maxLength(100))),
      })
      .check(z.refine((m) => Object.keys(m).length <= 50, 'metadata may hold at most 50 keys.')),
  ),
  /** Where this payment's webhooks are also sent (besides the merchant's endpoints). */
  callback_url: z.optional(httpUrl),
  /** Card details for the BUNI card test provider. */
  card: z.optional(
    z.strictObject({
      number: z.string().check(z.regex(/^\d{12,19}$/, 'card.number must be 12 to 19 digits.')),
      expiry: z.string().check(z.regex(/^\d{2}\/\d{2}$/, 'card.expiry must be MM/YY.')),
      cvv: z.string().check(z.regex(/^\d{3,4}$/, 'card.cvv must be 3 or 4 digits.')),
    }),
  ),
});

export type CreatePaymentRequest = z.input<typeof createPaymentRequest>;

/** Seed 000's create response. */
export const createPaymentResponse = z.looseObject({
  success: z.literal(true),
  payment_id: z.string(),
  status: statusRead,
  provider_reference: z.nullable(z.string()),
  created_at: isoDate,
});

export type CreatePaymentResponse = z.output<typeof createPaymentResponse>;

/** A payment as the gateway reports it (retrieve, list, query, capture). */
export const payment = z.looseObject({
  payment_id: z.string(),
  merchant_id: z.string(),
  status: statusRead,
  amount_cents: z.int(),
  amount_captured_cents: z.int(),
  amount_refunded_cents: z.int(),
  currency: z.string(),
  provider: providerRead,
  provider_reference: z.nullable(z.string()),
  /** The M-Pesa receipt (e.g. `NLJ7RT61SV`) once completed. */
  receipt: z.optional(z.nullable(z.string())),
  failure_code: z.optional(z.nullable(z.string())),
  failure_message: z.optional(z.nullable(z.string())),
  /**
   * Set when the payment needs a person to look at it, with why: a callback whose amount or phone
   * disagrees with the payment (never completed), or a success that arrived after the payment
   * had already failed or expired (the customer may have paid). `null` otherwise.
   */
  flagged_reason: z.optional(z.nullable(z.string())),
  metadata: z.record(z.string(), z.unknown()),
  callback_url: z.optional(z.nullable(z.string())),
  created_at: isoDate,
  updated_at: isoDate,
});

export type Payment = z.output<typeof payment>;

/** `GET /api/payments/:id`: the payment with `success: true`. */
export const paymentResponse = z.looseObject({ success: z.literal(true), ...payment.def.shape });

/** Query of `GET /api/payments` and `GET /api/v1/payments`. */
export const listPaymentsQuery = z.strictObject({
  ...listQuery,
  status: z.optional(
    z.enum(['PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'], {
      error: 'status must be PENDING, COMPLETED, FAILED, CANCELLED or EXPIRED.',
    }),
  ),
  provider: z.optional(z.enum(providers)),
  /** ISO 8601: created at or after. */
  created_from: z.optional(
    z.iso.datetime({ error: 'created_from must be an ISO 8601 date-time.' }),
  ),
  /** ISO 8601: created before. */
  created_to: z.optional(z.iso.datetime({ error: 'created_to must be an ISO 8601 date-time.' })),
});

export type ListPaymentsQuery = z.input<typeof listPaymentsQuery>;

/** A page of a list endpoint. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({
    success: z.literal(true),
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.nullable(z.string()),
  });

export const paymentList = page(payment);

/** Body of `POST /api/v1/payments/:id/capture`: all, or part of, an authorised amount. */
export const capturePaymentRequest = z.strictObject({
  amount_cents: z.optional(amountCents),
});

export type CapturePaymentRequest = z.input<typeof capturePaymentRequest>;

/** `{ success, ...payment }` answered by query and capture. */
export const paymentResult = paymentResponse;

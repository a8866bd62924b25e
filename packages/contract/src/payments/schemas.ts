import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import {
  amountCents,
  currency,
  httpUrl,
  isoDate,
  listQuery,
  livemode,
  metadataLimits,
  providerRead,
  providers,
  statusRead,
} from '../common/primitives.js';
import { mpesaRules, phonePattern } from './mpesa-rules.js';

const paymentId = doc(
  z.string(),
  "The payment's id: `pay_` and 20 lowercase letters or digits.",
  'pay_3k9x2m7q1w8e5r4t6y0u',
);
const providerReference = doc(
  z.nullable(z.string()),
  "The provider's reference: M-Pesa's CheckoutRequestID once the push was accepted, else null.",
  'ws_CO_07022026031530123456',
);

/**
 * Body of `POST /api/v1/payments` (and the hosted-gateway integration guide's
 * `POST /api/payments/create`). Strict: unknown top-level fields are refused so typos surface as
 * a 400 naming the field.
 */
export const createPaymentRequest = z
  .strictObject({
    /** Integer cents; M-Pesa takes whole shillings, so multiples of 100 there. */
    amount_cents: doc(
      amountCents,
      'Amount in integer cents. M-Pesa takes whole shillings (a multiple of 100) and at most KES 250,000 (25000000).',
      10_000,
    ),
    currency,
    provider: z.optional(
      doc(
        z.enum(providers, { error: `provider must be one of ${providers.join(', ')}.` }),
        'MPESA_SAFARICOM (STK push) or BUNI (card). Required unless providers is given.',
        'MPESA_SAFARICOM',
      ),
    ),
    /** Acceptable providers in order: the next is tried only when one is down before it acted. */
    providers: z.optional(
      doc(
        z
          .array(z.enum(providers, { error: `providers must list ${providers.join(', ')}.` }))
          .check(
            z.minLength(1, 'providers must list at least one provider.'),
            z.maxLength(3, 'providers may list at most 3 providers.'),
          ),
        'Acceptable providers in order, instead of provider: the next is tried only when one is down before it acted.',
        ['MPESA_SAFARICOM', 'BUNI'],
      ),
    ),
    metadata: z.optional(
      doc(
        z
          .looseObject({
            /** Customer phone for M-Pesa: 2547XXXXXXXX / 2541XXXXXXXX (07…, 01…, +254… accepted). */
            phone_number: z.optional(
              doc(
                z.string({ error: 'metadata.phone_number must be a string.' }),
                'Customer phone to prompt, required for M-Pesa: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
                '254708374149',
              ).check(z.meta({ pattern: phonePattern })),
            ),
            /** Shown to the customer (truncated to 13 characters for M-Pesa). */
            description: z.optional(
              doc(
                z.string().check(z.maxLength(255)),
                'Shown to the customer; M-Pesa shows its first 13 letters, digits and spaces.',
                'Order 1042',
              ),
            ),
            /** Your order id; echoed in webhooks. */
            order_reference: z.optional(
              doc(
                z.string().check(z.maxLength(100)),
                'Your order id, echoed in webhooks; M-Pesa shows its first 12 letters, digits and dashes as the account reference.',
                'ORDER-1042',
              ),
            ),
          })
          .check(
            ...metadataLimits,
            z.meta({ maxProperties: 50, propertyNames: { maxLength: 40 } }),
          ),
        'Your own key-value data (at most 50 keys of at most 40 characters, values of at most 500 characters as JSON), returned as sent and echoed in webhooks. Open: any key besides the ones listed is kept.',
        { phone_number: '254708374149', order_reference: 'ORDER-1042' },
      ),
    ),
    /** Where this payment's webhooks are also sent (besides the merchant's endpoints). */
    callback_url: z.optional(
      doc(
        httpUrl,
        "Where this payment's webhooks are also sent, besides your registered endpoints.",
        'https://shop.example.com/webhooks/malipo',
      ),
    ),
    /** Cards only: `manual` authorises now and captures later (`POST …/capture`). @default automatic */
    capture_method: z.optional(
      doc(
        z.enum(['automatic', 'manual'], { error: 'capture_method must be automatic or manual.' }),
        'Cards: automatic (default) charges at once; manual authorises (AUTHORIZED) for a later capture or void.',
        'manual',
      ),
    ),
    /** Card details for the BUNI card test provider. */
    card: z.optional(
      doc(
        z.strictObject({
          number: doc(
            z.string().check(z.regex(/^\d{12,19}$/, 'card.number must be 12 to 19 digits.')),
            'Card number, 12 to 19 digits.',
            '4111111111111111',
          ),
          expiry: doc(
            z.string().check(z.regex(/^\d{2}\/\d{2}$/, 'card.expiry must be MM/YY.')),
            'Expiry as MM/YY.',
            '12/30',
          ),
          cvv: doc(
            z.string().check(z.regex(/^\d{3,4}$/, 'card.cvv must be 3 or 4 digits.')),
            'Card verification code, 3 or 4 digits.',
            '123',
          ),
        }),
        'Card details, for the BUNI card test provider only.',
        { number: '4111111111111111', expiry: '12/30', cvv: '123' },
      ),
    ),
  })
  .check(z.meta(mpesaRules));

export type CreatePaymentRequest = z.input<typeof createPaymentRequest>;

/** The create answer. */
export const createPaymentResponse = z.looseObject({
  success: doc(z.literal(true), 'Always true on success.', true),
  payment_id: paymentId,
  status: statusRead,
  provider_reference: providerReference,
  livemode,
  created_at: isoDate('When the payment was created.'),
});

export type CreatePaymentResponse = z.output<typeof createPaymentResponse>;

const nullableText = (description: string, example: string) =>
  z.optional(doc(z.nullable(z.string()), description, example));

/** A payment as the gateway reports it (retrieve, list, query, capture). */
export const payment = z.looseObject({
  /** Present (true) when the payment is the whole answer; absent inside lists. */
  success: sometimes(
    z.optional(
      doc(z.literal(true), 'True when the payment is the whole answer; absent in lists.', true),
    ),
  ),
  payment_id: paymentId,
  merchant_id: doc(z.string(), 'Your merchant id.', 'mer_7h2k4n6p8r0t1v3x5z9b'),
  livemode,
  status: statusRead,
  amount_cents: doc(z.int(), 'Amount asked for, in cents.', 10_000),
  amount_captured_cents: doc(z.int(), 'Amount captured so far, in cents.', 10_000),
  amount_refunded_cents: doc(z.int(), 'Amount refunded so far, in cents.', 0),
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  provider: providerRead,
  provider_reference: providerReference,
  /** The M-Pesa receipt (e.g. `NLJ7RT61SV`) once completed. */
  receipt: nullableText('The M-Pesa receipt once COMPLETED, else null.', 'NLJ7RT61SV'),
  failure_code: nullableText("The provider's result code when not COMPLETED, else null.", '1032'),
  failure_message: nullableText(
    'Why the payment did not complete, fit to show the customer; null otherwise.',
    'Request cancelled by user',
  ),
  /**
   * Set when the payment needs a person to look at it, with why: a callback whose amount or phone
   * disagrees with the payment (never completed), or a success that arrived after the payment
   * had already failed or expired (the customer may have paid). `null` otherwise.
   */
  flagged_reason: nullableText(
    'Why a person should look at this payment (a callback that disagrees with it, or a success after it failed or expired); null otherwise.',
    'success callback after EXPIRED',
  ),
  /** What is kept of the card of a card payment (never its number or CVV); `null` otherwise. */
  card: z.optional(
    doc(
      z.nullable(
        z.looseObject({
          brand: doc(z.string(), 'visa, mastercard, amex or unknown.', 'visa'),
          last4: doc(z.string(), 'The last four digits.', '1111'),
          exp_month: doc(z.int(), 'Expiry month, 1 to 12.', 12),
          exp_year: doc(z.int(), 'Expiry year, four digits.', 2030),
        }),
      ),
      'Brand, last four digits and expiry of a card payment; null for M-Pesa.',
      null,
    ),
  ),
  metadata: doc(z.record(z.string(), z.unknown()), 'Your metadata, as sent.', {
    order_reference: 'ORDER-1042',
  }),
  callback_url: nullableText(
    "The payment's own webhook URL, or null.",
    'https://shop.example.com/webhooks/malipo',
  ),
  created_at: isoDate('When the payment was created.'),
  updated_at: isoDate('When the payment last changed.'),
});

export type Payment = z.output<typeof payment>;

/** `GET /api/v1/payments/:id`: the payment with `success: true`. */
export const paymentResponse = z.looseObject({
  ...payment.def.shape,
  success: z.literal(true),
});

/** Query of `GET /api/v1/payments` (and its alias `GET /api/payments`). */
export const listPaymentsQuery = z.strictObject({
  ...listQuery,
  status: z.optional(
    doc(
      z.enum(['PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'], {
        error: 'status must be PENDING, COMPLETED, FAILED, CANCELLED or EXPIRED.',
      }),
      'Only payments in this state.',
      'COMPLETED',
    ),
  ),
  provider: z.optional(
    doc(z.enum(providers), 'Only payments of this provider.', 'MPESA_SAFARICOM'),
  ),
  /** ISO 8601: created at or after. */
  created_from: z.optional(
    doc(
      z.iso.datetime({ error: 'created_from must be an ISO 8601 date-time.' }),
      'Only payments created at or after this time (ISO 8601).',
      '2026-02-01T00:00:00Z',
    ),
  ),
  /** ISO 8601: created before. */
  created_to: z.optional(
    doc(
      z.iso.datetime({ error: 'created_to must be an ISO 8601 date-time.' }),
      'Only payments created before this time (ISO 8601).',
      '2026-03-01T00:00:00Z',
    ),
  ),
});

export type ListPaymentsQuery = z.input<typeof listPaymentsQuery>;

/** A page of a list endpoint. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({
    success: doc(z.literal(true), 'Always true on success.', true),
    data: doc(z.array(item), 'This page, newest first.', []),
    has_more: doc(z.boolean(), 'True when another page follows.', false),
    next_cursor: doc(
      z.nullable(z.string()),
      'Pass as `cursor` for the next page; null on the last page.',
      null,
    ),
  });

export const paymentList = page(payment);

/** Body of `POST /api/v1/payments/:id/capture`: all, or part of, an authorised amount. */
/** Body of `POST /api/v1/payments/:id/void`: nothing to say. */
export const voidPaymentRequest = z.strictObject({});

export const capturePaymentRequest = z.strictObject({
  amount_cents: z.optional(
    doc(amountCents, 'Amount to capture in cents; the whole authorised amount when absent.', 5_000),
  ),
});

export type CapturePaymentRequest = z.input<typeof capturePaymentRequest>;

/** `{ success, ...payment }` answered by query and capture. */
export const paymentResult = paymentResponse;

import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { isoDate, livemode, providerRead, statusRead } from '../common/response-fields.js';

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
  amount_cents: doc(z.int().check(z.nonnegative()), 'Amount asked for, in cents.', 10_000),
  amount_captured_cents: doc(
    z.int().check(z.nonnegative()),
    'Amount captured so far, in cents.',
    10_000,
  ),
  amount_refunded_cents: doc(
    z.int().check(z.nonnegative()),
    'Amount refunded so far, in cents.',
    0,
  ),
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

/** `{ success, ...payment }` answered by query and capture. */
export const paymentResult = paymentResponse;

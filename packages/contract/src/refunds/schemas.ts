import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { amountCents, isoDate, metadata } from '../common/primitives.js';

export const refundStatuses = ['PENDING', 'PROCESSED', 'FAILED'] as const;

/** Body of `POST /api/v1/payments/:id/refunds`: full (no amount) or partial. */
export const createRefundRequest = z.strictObject({
  amount_cents: z.optional(
    doc(amountCents, 'Amount to refund in cents; what is left to refund when absent.', 5_000),
  ),
  reason: z.optional(
    doc(z.string().check(z.maxLength(255)), 'Why, for your records.', 'Customer returned the item'),
  ),
  metadata: z.optional(metadata),
});

export type CreateRefundRequest = z.input<typeof createRefundRequest>;

export const refund = z.looseObject({
  success: sometimes(
    z.optional(doc(z.literal(true), 'True when the refund is the whole answer.', true)),
  ),
  refund_id: doc(z.string(), "The refund's id.", 're_4m8q2w6e0r3t7y1u5i9o'),
  payment_id: doc(z.string(), 'The refunded payment.', 'pay_3k9x2m7q1w8e5r4t6y0u'),
  status: doc(
    openEnum(refundStatuses),
    'PENDING until the provider answers, then PROCESSED or FAILED.',
    'PROCESSED',
  ),
  amount_cents: doc(z.int(), 'Amount refunded, in cents.', 5_000),
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  reason: z.optional(
    doc(z.nullable(z.string()), 'Why, as sent; null when not given.', 'Customer returned the item'),
  ),
  failure_message: z.optional(
    doc(z.nullable(z.string()), 'Why the refund failed; null otherwise.', 'Insufficient balance'),
  ),
  created_at: isoDate('When the refund was asked for.'),
  updated_at: isoDate('When the refund last changed.'),
});

export type Refund = z.output<typeof refund>;

export const refundResponse = z.looseObject({ ...refund.def.shape, success: z.literal(true) });

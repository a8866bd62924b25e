import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { isoDate, livemode } from '../common/response-fields.js';
import { page } from '../payments/schemas.js';

export const refundStatuses = ['PENDING', 'PROCESSED', 'FAILED'] as const;

/**
 * How a refund moves the money: a full M-Pesa refund reverses the payment (M-Pesa returns it,
 * its charges included); a partial one sends the amount to the payer's phone over B2C; a card
 * refund goes back to the card.
 */
export const refundMethods = ['MPESA_REVERSAL', 'MPESA_B2C', 'CARD_REFUND'] as const;

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
  amount_cents: doc(z.int().check(z.nonnegative()), 'Amount refunded, in cents.', 5_000),
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  livemode,
  method: doc(
    openEnum(refundMethods),
    "MPESA_REVERSAL (a full refund: M-Pesa reverses the payment), MPESA_B2C (a partial one: the amount is sent to the payer's phone) or CARD_REFUND (back to the card).",
    'MPESA_B2C',
  ),
  provider_reference: doc(
    z.nullable(z.string()),
    "M-Pesa's ConversationID once the request is accepted, else null.",
    'AG_20260207_00004e4f1b4c7d3a2b1c',
  ),
  receipt: doc(z.nullable(z.string()), "M-Pesa's receipt once PROCESSED, else null.", 'TGR3HYT7CK'),
  failure_code: doc(
    z.nullable(z.string()),
    "Why the refund failed (M-Pesa's result code, `R000001` already reversed); null otherwise.",
    null,
  ),
  reason: z.optional(
    doc(z.nullable(z.string()), 'Why, as sent; null when not given.', 'Customer returned the item'),
  ),
  failure_message: z.optional(
    doc(z.nullable(z.string()), 'Why the refund failed; null otherwise.', null),
  ),
  metadata: doc(z.record(z.string(), z.unknown()), 'Your metadata, as sent.', {}),
  created_at: isoDate('When the refund was asked for.'),
  updated_at: isoDate('When the refund last changed.'),
});

export type Refund = z.output<typeof refund>;

export const refundResponse = z.looseObject({ ...refund.def.shape, success: z.literal(true) });

export const refundList = page(refund);

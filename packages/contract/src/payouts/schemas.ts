import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { isoDate, livemode } from '../common/response-fields.js';
import { page } from '../payments/schemas.js';
import { payoutStatuses, recipientPhone } from './requests.js';

export const payout = z.looseObject({
  success: sometimes(
    z.optional(doc(z.literal(true), 'True when the payout is the whole answer.', true)),
  ),
  payout_id: doc(z.string(), "The payout's id.", 'po_5n9r3v7z1d4h8l2p6t0x'),
  merchant_id: doc(z.string(), 'Your merchant id.', 'mer_7h2k4n6p8r0t1v3x5z9b'),
  status: doc(
    openEnum(payoutStatuses),
    'PENDING until M-Pesa answers, then COMPLETED or FAILED.',
    'COMPLETED',
  ),
  amount_cents: doc(z.int().check(z.nonnegative()), 'Amount sent, in cents.', 50_000),
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  provider: doc(z.string(), 'Provider that sends the money.', 'MPESA_SAFARICOM'),
  provider_reference: doc(
    z.nullable(z.string()),
    "M-Pesa's ConversationID once accepted, else null.",
    'AG_20260207_00004e4f1b4c7d3a2b1c',
  ),
  livemode,
  recipient: doc(
    z.looseObject({
      phone_number: recipientPhone('Recipient phone, normalised to 254XXXXXXXXX.'),
      name: z.optional(
        doc(z.nullable(z.string()), 'Recipient name as sent; null when not given.', 'Jane Wanjiku'),
      ),
    }),
    'Who receives the money.',
    { phone_number: '254708374149', name: 'Jane Wanjiku' },
  ),
  receipt: z.optional(
    doc(z.nullable(z.string()), "M-Pesa's receipt once COMPLETED, else null.", 'TGR3HYT7CK'),
  ),
  failure_code: z.optional(
    doc(
      z.nullable(z.string()),
      "Why the payout failed: M-Pesa's result code (`1` insufficient balance, `2001` initiator), `INSUFFICIENT_BALANCE` or `QUEUE_TIMEOUT`; null otherwise.",
      '1',
    ),
  ),
  failure_message: z.optional(
    doc(
      z.nullable(z.string()),
      'Why the payout failed; null otherwise.',
      'The balance is insufficient',
    ),
  ),
  metadata: doc(z.record(z.string(), z.unknown()), 'Your metadata, as sent.', {
    order_reference: 'ORDER-1042',
  }),
  created_at: isoDate('When the payout was asked for.'),
  updated_at: isoDate('When the payout last changed.'),
});

export type Payout = z.output<typeof payout>;

export const payoutResponse = z.looseObject({ ...payout.def.shape, success: z.literal(true) });

export const payoutList = page(payout);

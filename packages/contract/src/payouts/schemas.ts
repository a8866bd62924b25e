import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import {
  amountCents,
  currency,
  httpUrl,
  isoDate,
  listQuery,
  livemode,
  metadata,
} from '../common/primitives.js';
import { phonePattern } from '../payments/mpesa-rules.js';
import { page } from '../payments/schemas.js';

export const payoutStatuses = ['PENDING', 'COMPLETED', 'FAILED'] as const;

const phone = (description: string) =>
  doc(z.string({ error: 'recipient.phone_number is required.' }), description, '254708374149');

/** Body of `POST /api/v1/payouts` and its alias `POST /api/payouts/create` (M-Pesa B2C). */
export const createPayoutRequest = z.strictObject({
  amount_cents: doc(
    amountCents,
    'Amount to send in integer cents: whole shillings (a multiple of 100).',
    50_000,
  ),
  currency,
  provider: doc(
    z.enum(['MPESA_SAFARICOM'], { error: 'payouts support provider MPESA_SAFARICOM.' }),
    'Payouts go out over M-Pesa (B2C).',
    'MPESA_SAFARICOM',
  ),
  recipient: doc(
    z.strictObject({
      /** 2547XXXXXXXX / 2541XXXXXXXX (07…, 01…, +254… accepted). */
      phone_number: phone(
        'Recipient phone: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
      ).check(z.meta({ pattern: phonePattern })),
      name: z.optional(
        doc(
          z.string().check(z.maxLength(100)),
          'Recipient name, for your records.',
          'Jane Wanjiku',
        ),
      ),
    }),
    'Who receives the money.',
    { phone_number: '254708374149', name: 'Jane Wanjiku' },
  ),
  /** 2–100 characters, shown in the B2C remarks. */
  description: z.optional(
    doc(
      z.string().check(z.minLength(2), z.maxLength(100)),
      'Remarks sent with the payout, 2 to 100 characters.',
      'Refund for order 1042',
    ),
  ),
  metadata: z.optional(metadata),
  callback_url: z.optional(
    doc(
      httpUrl,
      "Where this payout's webhooks are also sent.",
      'https://shop.example.com/webhooks/malipo',
    ),
  ),
});

export type CreatePayoutRequest = z.input<typeof createPayoutRequest>;

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
  amount_cents: doc(z.int(), 'Amount sent, in cents.', 50_000),
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
      phone_number: phone('Recipient phone, normalised to 254XXXXXXXXX.'),
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

/** Query of `GET /api/v1/payouts`. */
export const listPayoutsQuery = z.strictObject({
  ...listQuery,
  status: z.optional(
    doc(
      z.enum(payoutStatuses, { error: 'status must be PENDING, COMPLETED or FAILED.' }),
      'Only payouts in this state.',
      'COMPLETED',
    ),
  ),
});

export type ListPayoutsQuery = z.input<typeof listPayoutsQuery>;

export const payoutList = page(payout);

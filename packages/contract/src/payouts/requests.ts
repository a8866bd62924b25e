import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { amountCents, currency, httpUrl, listQuery, metadata } from '../common/primitives.js';
import { phonePattern } from '../payments/mpesa-rules.js';

export const payoutStatuses = ['PENDING', 'COMPLETED', 'FAILED'] as const;

/** The recipient's phone, described for the request or the answer. */
export const recipientPhone = (description: string) =>
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
      phone_number: recipientPhone(
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

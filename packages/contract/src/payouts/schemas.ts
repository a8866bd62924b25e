import * as z from 'zod/mini';
import { openEnum } from '../common/lenient.js';
import { amountCents, currency, httpUrl, isoDate, metadata } from '../common/primitives.js';

export const payoutStatuses = ['PENDING', 'COMPLETED', 'FAILED'] as const;

/** Body of `POST /api/payouts/create` and `POST /api/v1/payouts` (M-Pesa B2C). */
export const createPayoutRequest = z.strictObject({
  amount_cents: amountCents,
  currency,
  provider: z.enum(['MPESA_SAFARICOM'], { error: 'payouts support provider MPESA_SAFARICOM.' }),
  recipient: z.strictObject({
    /** 2547XXXXXXXX / 2541XXXXXXXX (07…, +254… are normalised). */
    phone_number: z.string({ error: 'recipient.phone_number is required.' }),
    name: z.optional(z.string().check(z.maxLength(100))),
  }),
  /** 2–100 characters, shown in the B2C remarks. */
  description: z.optional(z.string().check(z.minLength(2), z.maxLength(100))),
  metadata: z.optional(metadata),
  callback_url: z.optional(httpUrl),
});

export type CreatePayoutRequest = z.input<typeof createPayoutRequest>;

export const payout = z.looseObject({
  payout_id: z.string(),
  merchant_id: z.string(),
  status: openEnum(payoutStatuses),
  amount_cents: z.int(),
  currency: z.string(),
  provider: z.string(),
  provider_reference: z.nullable(z.string()),
  recipient: z.looseObject({ phone_number: z.string() }),
  failure_message: z.optional(z.nullable(z.string())),
  metadata: z.record(z.string(), z.unknown()),
  created_at: isoDate,
  updated_at: isoDate,
});

export type Payout = z.output<typeof payout>;

export const payoutResponse = z.looseObject({ success: z.literal(true), ...payout.def.shape });

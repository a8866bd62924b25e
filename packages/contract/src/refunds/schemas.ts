import * as z from 'zod/mini';
import { openEnum } from '../common/lenient.js';
import { amountCents, isoDate, metadata } from '../common/primitives.js';

export const refundStatuses = ['PENDING', 'PROCESSED', 'FAILED'] as const;

/** Body of `POST /api/v1/payments/:id/refunds`: full (no amount) or partial. */
export const createRefundRequest = z.strictObject({
  amount_cents: z.optional(amountCents),
  reason: z.optional(z.string().check(z.maxLength(255))),
  metadata: z.optional(metadata),
});

export type CreateRefundRequest = z.input<typeof createRefundRequest>;

export const refund = z.looseObject({
  refund_id: z.string(),
  payment_id: z.string(),
  status: openEnum(refundStatuses),
  amount_cents: z.int(),
  currency: z.string(),
  reason: z.optional(z.nullable(z.string())),
  failure_message: z.optional(z.nullable(z.string())),
  created_at: isoDate,
  updated_at: isoDate,
});

export type Refund = z.output<typeof refund>;

export const refundResponse = z.looseObject({ success: z.literal(true), ...refund.def.shape });

import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { amountCents, listQuery, metadata } from '../common/primitives.js';

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

/** Query of `GET /api/v1/payments/:id/refunds`. */
export const listRefundsQuery = z.strictObject({ ...listQuery });

export type ListRefundsQuery = z.input<typeof listRefundsQuery>;

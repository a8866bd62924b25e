import type { Queryable } from '../db/database.js';
import type { PaymentRow } from './payments-store.js';
import { type After, positionColumn } from './rows.js';

export type RefundStatus = 'PENDING' | 'PROCESSED' | 'FAILED';
export type RefundMethod = 'MPESA_REVERSAL' | 'MPESA_B2C' | 'CARD_REFUND';

/** A `refunds` row as the database returns it (int8 columns arrive as strings or bigints). */
export interface RefundRow {
  id: string;
  payment_id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: RefundStatus;
  method: RefundMethod;
  amount_cents: string | number | bigint;
  currency: string;
  phone: string | null;
  reason: string | null;
  metadata: Record<string, unknown>;
  originator_conversation_id: string;
  provider_reference: string | null;
  receipt: string | null;
  failure_code: string | null;
  failure_message: string | null;
  flagged_reason: string | null;
  status_checked_at: Date | string | null;
  /** When it was last sent to Daraja (null before its first send). */
  sent_at: Date | string | null;
  /** When M-Pesa posted a queue timeout for it (a status check then settles it). */
  queue_timeout_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/**
 * Adds `amountCents` to the payment's refunded amount when, and only when, the payment is
 * COMPLETED and the total stays within what was captured: one compare-and-set statement, so
 * concurrent refunds queue on the row and those that no longer fit change nothing. Returns the
 * payment with the refund counted (undefined when it does not fit).
 */
export async function reserveRefund(
  tx: Queryable,
  paymentId: string,
  amountCents: number,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set amount_refunded_cents = amount_refunded_cents + $2, updated_at = now()
     where id = $1 and status = 'COMPLETED' and amount_refunded_cents + $2 <= amount_captured_cents
     returning *`,
    [paymentId, amountCents],
  );
  return rows[0];
}

/** Gives a failed refund's amount back to the payment (it may be refunded again). */
export async function releaseRefund(
  tx: Queryable,
  paymentId: string,
  amountCents: number,
): Promise<void> {
  await tx.query(
    `update payments set amount_refunded_cents = amount_refunded_cents - $2, updated_at = now()
     where id = $1`,
    [paymentId, amountCents],
  );
}

export interface NewRefund {
  id: string;
  payment: PaymentRow;
  method: RefundMethod;
  amountCents: number;
  reason: string | null;
  metadata: Record<string, unknown>;
  originatorConversationId: string;
}

/** Inserts a PENDING refund and its first transition, in one statement. */
export async function insertRefund(tx: Queryable, refund: NewRefund): Promise<RefundRow> {
  const rows = await tx.query<RefundRow>(
    `with refund as (
       insert into refunds (id, payment_id, merchant_id, mode, status, method, amount_cents, currency,
                            phone, reason, metadata, originator_conversation_id)
       values ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8, $9, $10, $11) returning *
     ), created as (
       insert into transfer_transitions (transfer_id, from_status, to_status, reason)
       select id, null, 'PENDING', 'created' from refund
     )
     select * from refund`,
    [
      refund.id,
      refund.payment.id,
      refund.payment.merchant_id,
      refund.payment.mode,
      refund.method,
      refund.amountCents,
      refund.payment.currency,
      refund.payment.phone,
      refund.reason,
      JSON.stringify(refund.metadata),
      refund.originatorConversationId,
    ],
  );
  return rows[0] as RefundRow;
}

/** A payment's refunds, newest first, `limit + 1` rows. */
export function listPaymentRefunds(
  db: Queryable,
  paymentId: string,
  after: After | undefined,
  limit: number,
) {
  return db.query<RefundRow & { position: string }>(
    `select *, ${positionColumn('created_at')}
     from refunds
     where payment_id = $1
       and ($2::timestamptz is null or (created_at, id) < ($2, $3))
     order by created_at desc, id desc limit $4`,
    [paymentId, after?.createdAt ?? null, after?.id ?? '', limit + 1],
  );
}

import type { StkStatus } from '@malipo/daraja';
import type { Queryable } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { emitPaymentEvent } from '../webhooks/emit-event.js';
import type { PaymentRow } from './payment-row.js';

export type TerminalStatus = 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';

/** Daraja's outcome → our state: 0 paid; 1032 cancelled; 1037/1019 expired; anything else failed. */
export const statusForStk: Record<Exclude<StkStatus, 'pending'>, TerminalStatus> = {
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  expired: 'EXPIRED',
  failed: 'FAILED',
};

export interface Settlement {
  to: TerminalStatus;
  /** Why: `callback`, `query`, `reconciliation`, `initiation_failed`, … */
  reason: string;
  receipt?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  data?: unknown;
}

/**
 * Moves a PENDING payment to a terminal state: a compare-and-set on `status = 'PENDING'`, so of
 * any number of concurrent settlements exactly one wins; the winner records the transition and
 * emits the event (with its delivery jobs) in the same transaction. Terminal states never change.
 * Returns the settled row, or undefined when the payment was not pending any more.
 */
export async function settlePayment(
  tx: Queryable,
  jobs: Jobs,
  paymentId: string,
  settlement: Settlement,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set status = $2, receipt = coalesce($3, receipt), failure_code = $4,
       failure_message = $5, updated_at = now()
     where id = $1 and status = 'PENDING' returning *`,
    [
      paymentId,
      settlement.to,
      settlement.receipt ?? null,
      settlement.to === 'COMPLETED' ? null : (settlement.failureCode ?? null),
      settlement.to === 'COMPLETED' ? null : (settlement.failureMessage ?? null),
    ],
  );
  const payment = rows[0];
  if (!payment) return undefined;
  await tx.query(
    `insert into payment_transitions (payment_id, from_status, to_status, reason, data)
     values ($1, 'PENDING', $2, $3, $4)`,
    [paymentId, settlement.to, settlement.reason, JSON.stringify(settlement.data ?? null)],
  );
  await emitPaymentEvent(tx, jobs, payment);
  return payment;
}

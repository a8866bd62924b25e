import type { StkStatus } from '@malipo/daraja';
import type { Queryable } from '../db/database.js';
import { reportSettlement } from '../metrics/settlements.js';
import { completeOpenSession } from '../stores/checkout-sessions-store.js';
import {
  insertTransition,
  type PaymentRow,
  setPaymentFlag,
  settlePendingPayment,
  type TerminalStatus,
} from '../stores/payments-store.js';
import { emitCheckoutSessionEvent, emitPaymentEvent } from '../webhooks/emit-event.js';

/** Daraja's outcome → our state: 0 paid; 1032 cancelled; 1037/1019 expired; anything else failed. */
export const statusForStk: Record<Exclude<StkStatus, 'pending'>, TerminalStatus> = {
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
  expired: 'EXPIRED',
  failed: 'FAILED',
};

/** Why a payment settled, as its audit trail records it. */
export type SettlementReason =
  | 'callback'
  | 'query'
  | 'poll'
  | 'reconciliation'
  | 'reconciliation_timeout'
  | 'initiation_failed'
  | 'initiation_unconfirmed'
  | 'initiation_interrupted'
  /** A card acquirer's answer to the charge. */
  | 'charge'
  /** A person's decision on a payment flagged for review. */
  | 'review';

export interface Settlement {
  to: TerminalStatus;
  reason: SettlementReason;
  receipt?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  data?: unknown;
}

/**
 * Moves a PENDING payment to a terminal state: a compare-and-set on `status = 'PENDING'`, so of
 * any number of concurrent settlements exactly one wins; the winner records the transition and
 * records the event (with its deliveries) in the same transaction; a completed checkout attempt
 * completes its session there too. Terminal states never change.
 * Returns the settled row, or undefined when the payment was not pending any more.
 */
export async function settlePayment(
  tx: Queryable,
  paymentId: string,
  settlement: Settlement,
): Promise<PaymentRow | undefined> {
  const completed = settlement.to === 'COMPLETED';
  const payment = await settlePendingPayment(tx, paymentId, {
    to: settlement.to,
    receipt: settlement.receipt ?? null,
    failureCode: completed ? null : (settlement.failureCode ?? null),
    failureMessage: completed ? null : (settlement.failureMessage ?? null),
  });
  if (!payment) return undefined;
  await insertTransition(tx, {
    paymentId,
    from: 'PENDING',
    to: settlement.to,
    reason: settlement.reason,
    data: settlement.data ?? null,
  });
  await emitPaymentEvent(tx, payment);
  // An attempt on a hosted checkout page completes its session, in the same transaction.
  if (payment.status === 'COMPLETED' && payment.checkout_session_id) {
    const session = await completeOpenSession(tx, payment.checkout_session_id, payment.id);
    if (session) await emitCheckoutSessionEvent(tx, session);
  }
  // Counted by the metrics only if this transaction commits.
  reportSettlement(tx, { provider: payment.provider, status: payment.status });
  return payment;
}

/**
 * A pending payment whose provider reports something that contradicts it (another amount or
 * phone): it stays PENDING and is never completed; a person decides.
 */
export async function flagPayment(tx: Queryable, paymentId: string, reason: string): Promise<void> {
  await setPaymentFlag(tx, paymentId, reason);
}

/**
 * The customer paid after the payment was settled otherwise (expired by reconciliation, failed
 * on an interrupted push). Terminal states never change, so the payment keeps its status; it is
 * flagged for a person (refund or fulfil), with an audit row holding the proof.
 */
export async function flagLateSuccess(
  tx: Queryable,
  payment: PaymentRow,
  proof: { callbackId: string; receipt: string; amountCents: number },
): Promise<string> {
  const reason = `paid after ${payment.status}: M-Pesa receipt ${proof.receipt}, ${proof.amountCents} cents`;
  await setPaymentFlag(tx, payment.id, reason);
  await insertTransition(tx, {
    paymentId: payment.id,
    from: payment.status,
    to: payment.status,
    reason: 'late_success',
    data: proof,
  });
  return reason;
}

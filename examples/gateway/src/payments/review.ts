import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import {
  clearPaymentFlag,
  findPayment,
  insertTransition,
  paymentWithReceipt,
} from '../stores/payments-store.js';
import { settlePayment } from './state-machine.js';

/** A person's decision on a payment flagged for review. */
export interface ReviewDecision {
  /**
   * For a flagged `PENDING` payment only: `COMPLETED` when the money is confirmed received (an
   * M-Pesa statement, say), `FAILED` when it is not to be accepted (refund by hand whatever did
   * arrive). A payment in any other status keeps it: terminal states never change.
   */
  outcome?: 'COMPLETED' | 'FAILED' | undefined;
  /** Why, in the reviewer's words: kept in the payment's audit trail. */
  note: string;
  /** The M-Pesa receipt the reviewer confirmed, for `COMPLETED`. */
  receipt?: string | undefined;
}

/** The failure code of a payment a reviewer did not accept. */
export const reviewRejectedCode = 'REVIEW_REJECTED';

/**
 * Ends the review of a flagged payment, in one transaction: the flag is cleared (compare-and-set:
 * two concurrent reviews cannot both act), a `review` row joins the audit trail with the note and
 * the reason it was flagged, and a pending payment settles to the decided outcome with its
 * webhook event (and its checkout session, when paid), as any settlement does.
 */
export async function reviewPayment(db: Database, paymentId: string, decision: ReviewDecision) {
  return db.transaction(async (tx) => {
    const flagged = await clearPaymentFlag(tx, paymentId);
    if (!flagged) {
      const payment = await findPayment(tx, paymentId);
      throw payment
        ? new DomainError('INVALID_STATE', `Payment ${paymentId} is not flagged for review.`)
        : new DomainError('NOT_FOUND', `No payment ${paymentId}.`, 'payment_id');
    }
    const data = {
      note: decision.note,
      flagged_reason: flagged.flagged_reason,
      ...(decision.receipt ? { receipt: decision.receipt } : {}),
    };
    if (flagged.status !== 'PENDING') {
      if (decision.outcome !== undefined || decision.receipt !== undefined) {
        throw new DomainError(
          'INVALID_STATE',
          `Payment ${paymentId} is ${flagged.status} and keeps that status: end its review with a note only (refund or fulfil by hand as the note says).`,
          decision.outcome !== undefined ? 'outcome' : 'receipt',
        );
      }
      await insertTransition(tx, {
        paymentId,
        from: flagged.status,
        to: flagged.status,
        reason: 'review',
        data,
      });
      return { ...flagged, flagged_reason: null };
    }
    if (decision.outcome === undefined) {
      throw new DomainError(
        'INVALID_REQUEST',
        `Payment ${paymentId} is PENDING: say outcome COMPLETED (the money is confirmed received) or FAILED (it is not accepted; refund by hand whatever arrived).`,
        'outcome',
      );
    }
    if (decision.outcome === 'FAILED' && decision.receipt !== undefined) {
      throw new DomainError(
        'INVALID_REQUEST',
        'A receipt confirms a payment: give it with outcome COMPLETED only.',
        'receipt',
      );
    }
    // One M-Pesa receipt is one payment's money: counted twice, it would be paid out twice.
    const holder = decision.receipt && (await paymentWithReceipt(tx, decision.receipt, paymentId));
    if (holder) {
      throw new DomainError(
        'INVALID_STATE',
        `M-Pesa receipt ${decision.receipt} already belongs to payment ${holder}: check the receipt.`,
        'receipt',
      );
    }
    const settled = await settlePayment(tx, paymentId, {
      to: decision.outcome,
      reason: 'review',
      receipt: decision.receipt,
      failureCode: reviewRejectedCode,
      failureMessage: 'The payment was not accepted on review.',
      data,
    });
    // The row was locked and pending above: the settlement cannot lose a race.
    if (!settled) throw new Error(`payment ${paymentId} did not settle after its review`);
    return settled;
  });
}

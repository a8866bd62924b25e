import { isDarajaError, parseStkCallback, type StkCallback } from '@malipo/daraja';
import type { Database, Queryable } from '../db/database.js';
import { quoted } from '../mpesa/quoted-text.js';
import {
  flagLateSuccess,
  flagPayment,
  settlePayment,
  statusForStk,
} from '../payments/state-machine.js';
import {
  lockCallback,
  markCallbackProcessed,
  unmatchedOutcome,
} from '../stores/callbacks-store.js';
import { lockPaymentByReference, type PaymentRow, wasReviewed } from '../stores/payments-store.js';
import { cents, type Mode } from '../stores/rows.js';

/** What applying one callback came to. */
export type CallbackOutcome =
  | { kind: 'settled'; status: PaymentRow['status'] }
  /** Another copy (or a query) settled it first. */
  | { kind: 'duplicate'; status: PaymentRow['status'] | undefined }
  /** Needs a person: the callback contradicts the payment, or a success came too late. */
  | { kind: 'flagged'; reason: string }
  /** No payment has this reference (yet: it is processed again when the reference is stored). */
  | { kind: 'unmatched' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'already_processed' };

/** The outcome as stored in the callback's row (and logged). */
export function describeOutcome(outcome: CallbackOutcome): string {
  switch (outcome.kind) {
    case 'settled':
      return `settled: ${outcome.status}`;
    case 'duplicate':
      return outcome.status ? `duplicate: payment already ${outcome.status}` : 'duplicate';
    case 'flagged':
      return `flagged: ${quoted(outcome.reason)}`;
    case 'unmatched':
      return unmatchedOutcome;
    case 'invalid':
      return `invalid: ${quoted(outcome.reason)}`;
    case 'already_processed':
      return 'already processed';
  }
}

/** True for outcomes a person must look at. */
export function needsReview(outcome: CallbackOutcome): boolean {
  return outcome.kind === 'flagged' || outcome.kind === 'unmatched';
}

/**
 * Applies one persisted callback to its payment. Safe to run any number of times for the same
 * callback and for duplicates of it: the settlement is a compare-and-set, so only the first
 * changes anything. A completed callback whose amount or phone disagrees with the payment is
 * flagged for review and never completes it.
 */
export async function processCallback(db: Database, callbackId: string): Promise<CallbackOutcome> {
  return db.transaction(async (tx) => {
    const callback = await lockCallback(tx, callbackId);
    if (!callback || callback.processed_at) return { kind: 'already_processed' } as const;
    const outcome = await apply(tx, callbackId, callback);
    await markCallbackProcessed(tx, callbackId, describeOutcome(outcome));
    return outcome;
  });
}

async function apply(
  tx: Queryable,
  callbackId: string,
  callback: { body: string; mode: Mode },
): Promise<CallbackOutcome> {
  const { body } = callback;
  let parsed: StkCallback;
  try {
    parsed = parseStkCallback(JSON.parse(body));
  } catch (error) {
    if (error instanceof SyntaxError || isDarajaError(error)) {
      return { kind: 'invalid', reason: error.message };
    }
    throw error;
  }
  // A callback proves its mode by its token: it never touches the other mode's payments.
  const payment = await lockPaymentByReference(tx, parsed.checkoutRequestId, callback.mode);
  if (!payment) return { kind: 'unmatched' };
  // Under review: a person decides; later callbacks are kept (this row) and change nothing.
  if (payment.status === 'PENDING' && payment.flagged_reason) {
    return { kind: 'flagged', reason: `under review (${payment.flagged_reason})` };
  }
  const mismatch =
    parsed.status === 'completed'
      ? [
          parsed.amountCents !== cents(payment.amount_cents)
            ? `amount ${parsed.amountCents} ≠ ${cents(payment.amount_cents)} cents`
            : undefined,
          payment.phone && !samePhone(parsed.phone, payment.phone)
            ? `phone ${parsed.phone} ≠ ${payment.phone}`
            : undefined,
        ].filter(Boolean)
      : [];
  if (payment.status !== 'PENDING') {
    // A person has decided on this payment: what M-Pesa says of it again (a redelivered
    // callback; one push has one outcome) was before them, and changes nothing.
    if (
      (parsed.status === 'completed' || mismatch.length > 0) &&
      (await wasReviewed(tx, payment.id))
    ) {
      return { kind: 'duplicate', status: payment.status };
    }
    if (parsed.status === 'completed' && payment.status !== 'COMPLETED') {
      const reason = await flagLateSuccess(tx, payment, {
        callbackId,
        receipt: parsed.receipt,
        amountCents: parsed.amountCents,
      });
      return { kind: 'flagged', reason };
    }
    // Completed already (a status query has no amount to compare): a paid callback that
    // disagrees still needs a person.
    if (mismatch.length > 0 && !payment.flagged_reason) {
      const reason = `callback mismatch after ${payment.status}: ${mismatch.join('; ')}`;
      await flagPayment(tx, payment.id, reason);
      return { kind: 'flagged', reason };
    }
    return { kind: 'duplicate', status: payment.status };
  }
  if (mismatch.length > 0) {
    const reason = `callback mismatch: ${mismatch.join('; ')}`;
    await flagPayment(tx, payment.id, reason);
    return { kind: 'flagged', reason };
  }
  const settled = await settlePayment(tx, payment.id, {
    to: statusForStk[parsed.status],
    reason: 'callback',
    receipt: parsed.status === 'completed' ? parsed.receipt : undefined,
    failureCode: parsed.code,
    failureMessage: parsed.customerMessage,
    data: { callbackId, resultCode: parsed.code, description: parsed.description },
  });
  return settled
    ? { kind: 'settled', status: settled.status }
    : { kind: 'duplicate', status: undefined };
}

/**
 * Whether a callback's phone is the payment's. M-Pesa may mask the number (`2547 ***** 126`):
 * then the digits it shows must match, position by position.
 */
function samePhone(sent: string, expected: string): boolean {
  const shown = sent.replace(/\s/g, '');
  if (shown === expected) return true;
  if (shown.length !== expected.length || !/[*xX•]/.test(shown)) return false;
  for (let i = 0; i < shown.length; i++) {
    const char = shown[i] as string;
    if (!/[*xX•]/.test(char) && char !== expected[i]) return false;
  }
  return true;
}

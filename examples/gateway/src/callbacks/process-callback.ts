import { isDarajaError, parseStkCallback, type StkCallback } from '@malipo/daraja';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { cents, type PaymentRow } from '../payments/payment-row.js';
import { settlePayment, statusForStk } from '../payments/state-machine.js';

/**
 * Applies one persisted callback to its payment. Safe to run any number of times for the same
 * callback and for duplicates of it: the settlement is a compare-and-set, so only the first
 * changes anything. A completed callback whose amount or phone disagrees with the payment is
 * flagged for review and never completes it.
 */
export async function processCallback(
  db: Database,
  jobs: Jobs,
  callbackId: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ body: string; processed_at: Date | null }>(
      'select body, processed_at from mpesa_callbacks where id = $1 for update',
      [callbackId],
    );
    const callback = rows[0];
    if (!callback || callback.processed_at) return 'already processed';
    const outcome = await apply(callback.body);
    await tx.query('update mpesa_callbacks set processed_at = now(), outcome = $2 where id = $1', [
      callbackId,
      outcome,
    ]);
    return outcome;

    async function apply(body: string): Promise<string> {
      let parsed: StkCallback;
      try {
        parsed = parseStkCallback(JSON.parse(body));
      } catch (error) {
        if (error instanceof SyntaxError || isDarajaError(error))
          return `invalid: ${error.message}`;
        throw error;
      }
      const payments = await tx.query<PaymentRow>(
        'select * from payments where provider_reference = $1 for update',
        [parsed.checkoutRequestId],
      );
      const payment = payments[0];
      // Possibly a callback that beat the commit of its payment's reference: that commit
      // processes it again (see `requeueUnmatchedCallbacks`).
      if (!payment) return 'unmatched';
      if (payment.status !== 'PENDING') {
        if (parsed.status === 'completed' && payment.status !== 'COMPLETED') {
          return flagLateSuccess(payment, parsed);
        }
        return `duplicate: payment already ${payment.status}`;
      }
      if (parsed.status === 'completed') {
        const mismatch = [
          parsed.amountCents !== cents(payment.amount_cents)
            ? `amount ${parsed.amountCents} ≠ ${cents(payment.amount_cents)} cents`
            : undefined,
          payment.phone && parsed.phone !== payment.phone
            ? `phone ${parsed.phone} ≠ ${payment.phone}`
            : undefined,
        ].filter(Boolean);
        if (mismatch.length > 0) {
          const reason = `callback mismatch: ${mismatch.join('; ')}`;
          await tx.query(
            'update payments set flagged_reason = $2, updated_at = now() where id = $1',
            [payment.id, reason],
          );
          return `flagged: ${reason}`;
        }
      }
      const settled = await settlePayment(tx, jobs, payment.id, {
        to: statusForStk[parsed.status],
        reason: 'callback',
        receipt: parsed.status === 'completed' ? parsed.receipt : undefined,
        failureCode: parsed.code,
        failureMessage: parsed.customerMessage,
        data: { callbackId, resultCode: parsed.code, description: parsed.description },
      });
      return settled ? `settled: ${settled.status}` : 'duplicate';
    }

    /**
     * The customer paid after the payment was settled otherwise (expired by reconciliation,
     * failed on an interrupted push). Terminal states never change, so the payment keeps its
     * status; it is flagged for a person (refund or fulfil), with an audit row holding the proof.
     */
    async function flagLateSuccess(
      payment: PaymentRow,
      parsed: Extract<StkCallback, { status: 'completed' }>,
    ): Promise<string> {
      const reason = `paid after ${payment.status}: M-Pesa receipt ${parsed.receipt}, ${parsed.amountCents} cents`;
      await tx.query('update payments set flagged_reason = $2, updated_at = now() where id = $1', [
        payment.id,
        reason,
      ]);
      await tx.query(
        `insert into payment_transitions (payment_id, from_status, to_status, reason, data)
         values ($1, $2, $2, 'late_success', $3)`,
        [
          payment.id,
          payment.status,
          JSON.stringify({ callbackId, receipt: parsed.receipt, amountCents: parsed.amountCents }),
        ],
      );
      return `flagged: ${reason}`;
    }
  });
}

import { BuniRefusedError, BuniUnavailableError } from '../providers/buni/buni-client.js';
import { findPayment, type PaymentRow } from '../stores/payments-store.js';
import type { RefundRow } from '../stores/refunds-store.js';
import { cents } from '../stores/rows.js';
import { findTransfer, staleCardRefunds } from '../stores/transfers-store.js';
import type { SendResult, TransferDeps } from '../transfers/transfer.js';
import { settleRefund } from './refund-state.js';

/**
 * A card refund: BUNI answers at once (PROCESSED, or FAILED when it refuses, giving the amount
 * back to the payment). Keyed by the refund id, so the reconciliation sweep may send a PENDING
 * one again (BUNI did not answer) without refunding twice.
 */
export async function sendCardRefund(
  deps: TransferDeps,
  refund: RefundRow,
  payment: PaymentRow,
): Promise<SendResult<RefundRow>> {
  try {
    const done = await deps.buni.forMode(refund.mode).refund(payment.provider_reference ?? '', {
      reference: refund.id,
      amountCents: cents(refund.amount_cents),
    });
    const row = await deps.db.transaction((tx) =>
      settleRefund(tx, refund.id, {
        to: 'PROCESSED',
        reason: 'card_refund',
        receipt: done.id,
        reference: done.id,
      }),
    );
    return { kind: 'sent', row: row ?? refund };
  } catch (error) {
    if (error instanceof BuniUnavailableError) return { kind: 'sent', row: refund };
    if (!(error instanceof BuniRefusedError)) throw error;
    const row = await deps.db.transaction((tx) =>
      settleRefund(tx, refund.id, {
        to: 'FAILED',
        reason: 'card_refund',
        failureCode: 'PROVIDER_REFUSED',
        failureMessage: error.message,
      }),
    );
    return { kind: 'refused', row: row ?? refund, message: error.message };
  }
}

/** The reconciliation sweep's part: card refunds BUNI did not answer are sent again. */
export async function resendCardRefunds(
  deps: TransferDeps,
  options: { afterSeconds: number; limit?: number },
): Promise<number> {
  let sent = 0;
  for (const id of await staleCardRefunds(deps.db, {
    afterSeconds: options.afterSeconds,
    limit: options.limit ?? 50,
  })) {
    const refund = (await findTransfer(deps.db, 'refunds', id)) as RefundRow;
    const payment = (await findPayment(deps.db, refund.payment_id)) as PaymentRow;
    const result = await sendCardRefund(deps, refund, payment);
    if (result.row.status !== 'PENDING') sent++;
  }
  return sent;
}

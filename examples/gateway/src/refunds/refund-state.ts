import type { Queryable } from '../db/database.js';
import { findPayment } from '../stores/payments-store.js';
import { type RefundRow, releaseRefund } from '../stores/refunds-store.js';
import { cents } from '../stores/rows.js';
import { insertTransferTransition, settlePendingTransfer } from '../stores/transfers-store.js';
import type { TransferSettlementReason } from '../transfers/transfer.js';
import { emitEvent, refundEventBody } from '../webhooks/emit-event.js';

export interface RefundSettlement {
  to: 'PROCESSED' | 'FAILED';
  reason: TransferSettlementReason;
  receipt?: string | undefined;
  /** M-Pesa's ConversationID from the result. */
  reference?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  data?: unknown;
}

/**
 * Moves a PENDING refund to PROCESSED or FAILED (compare-and-set; the winner records the
 * transition and emits `refund.processed` or `refund.failed` in the same transaction). A failed
 * refund gives its amount back to the payment, which may then be refunded again.
 */
export async function settleRefund(
  tx: Queryable,
  refundId: string,
  settlement: RefundSettlement,
): Promise<RefundRow | undefined> {
  const processed = settlement.to === 'PROCESSED';
  const refund = await settlePendingTransfer(tx, 'refunds', refundId, settlement.to, {
    receipt: settlement.receipt ?? null,
    reference: settlement.reference,
    failureCode: processed ? null : (settlement.failureCode ?? null),
    failureMessage: processed ? null : (settlement.failureMessage ?? null),
  });
  if (!refund) return undefined;
  if (!processed) await releaseRefund(tx, refund.payment_id, cents(refund.amount_cents));
  await insertTransferTransition(tx, {
    transferId: refundId,
    from: 'PENDING',
    to: settlement.to,
    reason: settlement.reason,
    data: settlement.data,
  });
  const payment = await findPayment(tx, refund.payment_id);
  const settled = refund as RefundRow & { status: 'PROCESSED' | 'FAILED' };
  await emitEvent(tx, {
    scope: { merchantId: refund.merchant_id, mode: refund.mode },
    paymentId: refund.payment_id,
    callbackUrl: payment?.callback_url ?? null,
    body: (id) => refundEventBody(id, settled),
  });
  return refund;
}

import type { Queryable } from '../db/database.js';
import type { PayoutRow } from '../stores/payouts-store.js';
import { insertTransferTransition, settlePendingTransfer } from '../stores/transfers-store.js';
import type { TransferSettlementReason } from '../transfers/transfer.js';
import { emitEvent, payoutEventBody } from '../webhooks/emit-event.js';

export interface PayoutSettlement {
  to: 'COMPLETED' | 'FAILED';
  reason: TransferSettlementReason;
  receipt?: string | undefined;
  /** M-Pesa's ConversationID from the result. */
  reference?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  data?: unknown;
}

/**
 * Moves a PENDING payout to COMPLETED or FAILED: a compare-and-set, so of any number of
 * concurrent settlements (a result, its duplicate, a status check) exactly one wins; the winner
 * records the transition and emits `payout.completed` or `payout.failed` in the same transaction.
 * A failed payout stops counting against the merchant's balance. Returns the settled row, or
 * undefined when the payout was not pending any more.
 */
export async function settlePayout(
  tx: Queryable,
  payoutId: string,
  settlement: PayoutSettlement,
): Promise<PayoutRow | undefined> {
  const completed = settlement.to === 'COMPLETED';
  const payout = await settlePendingTransfer(tx, 'payouts', payoutId, settlement.to, {
    receipt: settlement.receipt ?? null,
    reference: settlement.reference,
    failureCode: completed ? null : (settlement.failureCode ?? null),
    failureMessage: completed ? null : (settlement.failureMessage ?? null),
  });
  if (!payout) return undefined;
  await insertTransferTransition(tx, {
    transferId: payoutId,
    from: 'PENDING',
    to: settlement.to,
    reason: settlement.reason,
    data: settlement.data,
  });
  const settled = payout as PayoutRow & { status: 'COMPLETED' | 'FAILED' };
  await emitEvent(tx, {
    scope: { merchantId: payout.merchant_id, mode: payout.mode },
    paymentId: null,
    callbackUrl: payout.callback_url,
    body: (id) => payoutEventBody(id, settled),
  });
  return payout;
}

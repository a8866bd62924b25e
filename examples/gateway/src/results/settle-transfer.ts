import type { Queryable } from '../db/database.js';
import { settlePayout } from '../payouts/payout-state.js';
import { settleRefund } from '../refunds/refund-state.js';
import type { TransferSettlementReason } from '../transfers/transfer.js';
import type { LockedTransfer } from './locked-transfer.js';
import type { ResultOutcome } from './result-outcome.js';

/** How a result settles a transfer: done (COMPLETED / PROCESSED) or FAILED. */
export interface ResultSettlement {
  to: 'done' | 'FAILED';
  reason: Exclude<TransferSettlementReason, 'initiation_refused'>;
  receipt?: string | undefined;
  reference?: string | undefined;
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
  data: unknown;
}

/** Settles a payout or refund from a result (compare-and-set; a loser is a duplicate). */
export async function settleTransfer(
  tx: Queryable,
  transfer: LockedTransfer,
  settlement: ResultSettlement,
): Promise<ResultOutcome> {
  const { id } = transfer.row;
  const settled =
    transfer.table === 'payouts'
      ? await settlePayout(tx, id, {
          ...settlement,
          to: settlement.to === 'done' ? 'COMPLETED' : 'FAILED',
        })
      : await settleRefund(tx, id, {
          ...settlement,
          to: settlement.to === 'done' ? 'PROCESSED' : 'FAILED',
        });
  if (settled)
    return { kind: 'settled', status: settled.status as 'COMPLETED' | 'PROCESSED' | 'FAILED' };
  return { kind: 'duplicate', status: settlement.to === 'done' ? transfer.done : 'FAILED' };
}

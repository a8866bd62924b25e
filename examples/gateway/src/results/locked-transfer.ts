import type { Queryable } from '../db/database.js';
import type { PayoutRow } from '../stores/payouts-store.js';
import type { RefundRow } from '../stores/refunds-store.js';
import type { ResultPurpose } from '../stores/results-store.js';
import type { Mode } from '../stores/rows.js';
import { findTransfer } from '../stores/transfers-store.js';

/** A payout or a refund, locked for the rest of the transaction. */
export type LockedTransfer =
  | { table: 'payouts'; row: PayoutRow; done: 'COMPLETED'; noun: 'payout' }
  | { table: 'refunds'; row: RefundRow; done: 'PROCESSED'; noun: 'refund' };

/**
 * The transfer a result's URL names, when its purpose may name it (a payout result names a
 * payout, a refund result a refund, a status check either) and it belongs to the URL's mode:
 * the token proves the mode, so a result never touches the other mode's transfers.
 */
export async function lockResultTarget(
  tx: Queryable,
  purpose: Exclude<ResultPurpose, 'balance'>,
  targetId: string,
  mode: Mode,
): Promise<LockedTransfer | undefined> {
  const payout = /^po_[a-z0-9]{20}$/.test(targetId) && purpose !== 'refund';
  const refund = /^re_[a-z0-9]{20}$/.test(targetId) && purpose !== 'payout';
  const locked: LockedTransfer | undefined = payout
    ? await findTransfer(tx, 'payouts', targetId, { lock: true }).then(
        (row) =>
          row && {
            table: 'payouts' as const,
            row,
            done: 'COMPLETED' as const,
            noun: 'payout' as const,
          },
      )
    : refund
      ? await findTransfer(tx, 'refunds', targetId, { lock: true }).then(
          (row) =>
            row && {
              table: 'refunds' as const,
              row,
              done: 'PROCESSED' as const,
              noun: 'refund' as const,
            },
        )
      : undefined;
  return locked?.row.mode === mode ? locked : undefined;
}

import type { Database, Queryable } from '../db/database.js';

/** A payment that reached a terminal status. */
export interface SettledPayment {
  provider: string;
  status: string;
}

/** The settlements reported in each open transaction of a {@link countSettlements} database. */
const reported = new WeakMap<Queryable, SettledPayment[]>();

/**
 * Notes a settlement made in `tx`. It is counted only if and when `tx` commits: a settlement
 * rolled back (and retried by its job) is never counted twice. Outside a transaction of a
 * database wrapped by {@link countSettlements} (metrics off) this does nothing.
 */
export function reportSettlement(tx: Queryable, payment: SettledPayment): void {
  reported.get(tx)?.push(payment);
}

/**
 * The same database, whose transactions hand the settlements reported in them to `onCommitted`
 * once they have committed. The composition root wraps the database with it when metrics are on.
 */
export function countSettlements(
  db: Database,
  onCommitted: (settled: readonly SettledPayment[]) => void,
): Database {
  return {
    ...db,
    async transaction(work) {
      const settled: SettledPayment[] = [];
      const result = await db.transaction((tx) => {
        reported.set(tx, settled);
        return work(tx);
      });
      if (settled.length > 0) onCommitted(settled);
      return result;
    },
  };
}

import type { Queryable } from '../db/database.js';
import type { Mode } from './rows.js';

/** The M-Pesa account balance of one mode, as Daraja last reported it. */
export interface BalanceRow {
  mode: Mode;
  utility_available_cents: string | number | bigint | null;
  working_available_cents: string | number | bigint | null;
  reported_at: Date | string | null;
  requested_at: Date | string | null;
}

export async function findBalance(db: Queryable, mode: Mode): Promise<BalanceRow | undefined> {
  return (await db.query<BalanceRow>('select * from mpesa_balances where mode = $1', [mode]))[0];
}

/**
 * The mode's report, its row locked to the end of the transaction: payouts and refunds of every
 * merchant in that mode then check the shared M-Pesa account one at a time.
 */
export async function lockBalance(tx: Queryable, mode: Mode): Promise<BalanceRow | undefined> {
  return (
    await tx.query<BalanceRow>('select * from mpesa_balances where mode = $1 for update', [mode])
  )[0];
}

/** Records a report, unless a newer one is already stored (results can arrive out of order). */
export async function storeBalanceReport(
  tx: Queryable,
  report: {
    mode: Mode;
    utilityCents: number;
    workingCents: number | null;
    reportedAt: Date;
  },
): Promise<void> {
  await tx.query(
    `insert into mpesa_balances (mode, utility_available_cents, working_available_cents, reported_at)
     values ($1, $2, $3, $4)
     on conflict (mode) do update set
       utility_available_cents = excluded.utility_available_cents,
       working_available_cents = coalesce(excluded.working_available_cents, mpesa_balances.working_available_cents),
       reported_at = excluded.reported_at
     where mpesa_balances.reported_at is null or mpesa_balances.reported_at <= excluded.reported_at`,
    [report.mode, report.utilityCents, report.workingCents, report.reportedAt],
  );
}

/**
 * Claims the right to ask Daraja for a fresh balance: true for the one caller that finds no
 * request in the last `minSeconds`, so concurrent askers send one query between them.
 */
export async function claimBalanceRequest(
  db: Queryable,
  mode: Mode,
  minSeconds: number,
): Promise<boolean> {
  const rows = await db.query<{ mode: Mode }>(
    `insert into mpesa_balances (mode, requested_at) values ($1, now())
     on conflict (mode) do update set requested_at = now()
     where mpesa_balances.requested_at is null
        or mpesa_balances.requested_at < now() - make_interval(secs => $2)
     returning mode`,
    [mode, minSeconds],
  );
  return rows.length > 0;
}

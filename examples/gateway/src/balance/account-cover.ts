import type { Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import { lockBalance } from '../stores/balances-store.js';
import { pendingOutflowCents } from '../stores/ledger-store.js';
import { cents, iso, type Mode } from '../stores/rows.js';

const kes = (amountCents: bigint | number) =>
  `KES ${(Number(amountCents) / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

/**
 * Refuses (402 `INSUFFICIENT_BALANCE`) a payout or refund the M-Pesa account cannot cover: its
 * utility account as Daraja last reported it, less everything still pending. Before the first
 * report nothing is refused here; M-Pesa's own answer (result code 1) then fails the transfer.
 * Runs in the transaction that inserts the transfer: the report's row stays locked, so
 * concurrent transfers (of any merchant) see each other as pending.
 */
export async function checkAccountCovers(
  tx: Queryable,
  mode: Mode,
  amountCents: number,
  what: 'payout' | 'refund',
): Promise<void> {
  const balance = await lockBalance(tx, mode);
  if (balance?.utility_available_cents == null || balance.reported_at === null) return;
  const available = BigInt(cents(balance.utility_available_cents));
  const pending = await pendingOutflowCents(tx, { mode });
  if (available - pending >= BigInt(amountCents)) return;
  throw new DomainError(
    'INSUFFICIENT_BALANCE',
    `The M-Pesa account cannot cover this ${what} of ${kes(amountCents)}: it had ${kes(available)} available at ${iso(balance.reported_at)}, with ${kes(pending)} in payouts and refunds still pending. Top up the account's utility balance.`,
    'amount_cents',
  );
}

/** The merchant's own balance cannot cover a payout or refund (402), in words that say what to do. */
export function merchantBalanceShort(
  available: bigint,
  amountCents: number,
  what: 'payout' | 'refund' = 'payout',
): DomainError {
  return new DomainError(
    'INSUFFICIENT_BALANCE',
    `Your balance is ${kes(available < 0n ? 0n : available)}: a ${what} of ${kes(amountCents)} needs more. Completed payments add to it; refunds and payouts (pending ones included) take from it.`,
    'amount_cents',
  );
}

import { type DarajaResult, readAccountBalanceResult } from '@malipo/daraja';
import type { Queryable } from '../db/database.js';
import { storeBalanceReport } from '../stores/balances-store.js';
import type { Mode } from '../stores/rows.js';
import { readSafely } from './read-safely.js';
import type { ResultOutcome } from './result-outcome.js';

/** When M-Pesa says the figure was true: its own time, else now. */
export function reportTime(completedAt: string | undefined): Date {
  const at = completedAt ? new Date(completedAt) : undefined;
  return at && !Number.isNaN(at.getTime()) && at.getTime() <= Date.now() ? at : new Date();
}

/** An Account Balance result: the utility (and working) account as M-Pesa reports them. */
export async function recordBalance(
  tx: Queryable,
  mode: Mode,
  result: DarajaResult,
): Promise<ResultOutcome> {
  if (result.status !== 'completed') {
    return {
      kind: 'inconclusive',
      reason: `balance query ${result.resultCode}: ${result.resultDesc}`,
    };
  }
  const report = readSafely(() => readAccountBalanceResult(result));
  if (!report)
    return { kind: 'invalid', reason: 'balance result with an unreadable AccountBalance' };
  const utility = report.accounts.find((account) => /utility/i.test(account.name));
  const working = report.accounts.find((account) => /working/i.test(account.name));
  if (!utility) return { kind: 'invalid', reason: 'balance result without a Utility Account' };
  await storeBalanceReport(tx, {
    mode,
    utilityCents: utility.availableCents,
    workingCents: working?.availableCents ?? null,
    reportedAt: reportTime(report.completedAt),
  });
  return { kind: 'balance_recorded' };
}

import { type DarajaResult, isDarajaError, parseDarajaResult } from '@malipo/daraja';
import type { Database, Queryable } from '../db/database.js';
import { lockResult, markResultProcessed, type StoredResult } from '../stores/results-store.js';
import { readStatusTarget } from '../transfers/status-target.js';
import { recordBalance } from './balance-report.js';
import { lockResultTarget } from './locked-transfer.js';
import { describeResultOutcome, type ResultOutcome } from './result-outcome.js';
import { applyStatusCheck } from './status-check.js';
import { applyTransferResult } from './transfer-result.js';

export { describeResultOutcome, type ResultOutcome, resultNeedsReview } from './result-outcome.js';

/**
 * Applies one persisted result. Safe to run any number of times, for the same result and for
 * duplicates of it: settlements are compare-and-set, so only the first changes anything. Every
 * body ends in an outcome stored beside it; none makes the worker throw.
 */
export async function processResult(db: Database, resultId: string): Promise<ResultOutcome> {
  return db.transaction(async (tx) => {
    const stored = await lockResult(tx, resultId);
    if (!stored || stored.processed_at) return { kind: 'already_processed' } as const;
    const outcome = await applyResult(tx, resultId, stored);
    await markResultProcessed(tx, resultId, describeResultOutcome(outcome));
    return outcome;
  });
}

async function applyResult(
  tx: Queryable,
  resultId: string,
  stored: StoredResult,
): Promise<ResultOutcome> {
  let result: DarajaResult;
  try {
    result = parseDarajaResult(stored.body);
  } catch (error) {
    if (isDarajaError(error)) return { kind: 'invalid', reason: error.message };
    throw error;
  }
  if (stored.purpose === 'balance') return recordBalance(tx, stored.mode, result);
  const target =
    stored.purpose === 'status'
      ? readStatusTarget(stored.target_id ?? '')
      : { transferId: stored.target_id ?? '' };
  const transfer = await lockResultTarget(tx, stored.purpose, target.transferId, stored.mode);
  if (!transfer) return { kind: 'unmatched' };
  const data = { resultId, resultCode: result.resultCode, description: result.resultDesc };
  if (stored.purpose === 'status') {
    return applyStatusCheck(tx, transfer, result, data, target.askedAtMs);
  }
  return applyTransferResult(tx, transfer, result, {
    kind: stored.kind,
    mode: stored.mode,
    resultId,
    data,
  });
}

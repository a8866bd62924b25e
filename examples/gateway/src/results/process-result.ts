import {
  type DarajaResult,
  isDarajaError,
  parseDarajaResult,
  readAccountBalanceResult,
  readB2cResult,
  readTransactionStatusResult,
} from '@malipo/daraja';
import type { Database, Queryable } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { settlePayout } from '../payouts/payout-state.js';
import { settleRefund } from '../refunds/refund-state.js';
import { storeBalanceReport } from '../stores/balances-store.js';
import { lockPayout } from '../stores/payouts-store.js';
import { lockRefund } from '../stores/refunds-store.js';
import { lockResult, markResultProcessed, type StoredResult } from '../stores/results-store.js';
import type { Mode } from '../stores/rows.js';
import { flagTransfer } from '../stores/transfers-store.js';

/**
 * Status-check answers meaning M-Pesa has no such transaction: 2032 (unknown receipt or
 * request) and R000002 (invalid original transaction).
 */
const unknownToMpesa = new Set(['2032', 'R000002']);

/** What applying one asynchronous result came to. */
export type ResultOutcome =
  | { kind: 'settled'; status: string }
  /** The transfer was settled already (a duplicate result, or a status check won). */
  | { kind: 'duplicate'; status: string }
  | { kind: 'balance_recorded' }
  /** A status check that does not settle anything (not final yet, or not found). */
  | { kind: 'inconclusive'; reason: string }
  /** Needs a person: the result contradicts what the gateway sent. */
  | { kind: 'flagged'; reason: string }
  /** Names nothing of this mode. */
  | { kind: 'unmatched' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'already_processed' };

export function describeResultOutcome(outcome: ResultOutcome): string {
  switch (outcome.kind) {
    case 'settled':
      return `settled: ${outcome.status}`;
    case 'duplicate':
      return `duplicate: already ${outcome.status}`;
    case 'balance_recorded':
      return 'balance recorded';
    case 'inconclusive':
    case 'flagged':
    case 'invalid':
      return `${outcome.kind}: ${outcome.reason}`;
    case 'unmatched':
    case 'already_processed':
      return outcome.kind.replace('_', ' ');
  }
}

/** True for outcomes a person must look at. */
export function resultNeedsReview(outcome: ResultOutcome): boolean {
  return outcome.kind === 'flagged' || outcome.kind === 'unmatched';
}

/**
 * Applies one persisted result. Safe to run any number of times, for the same result and for
 * duplicates of it: settlements are compare-and-set, so only the first changes anything.
 */
export async function processResult(
  db: Database,
  jobs: Jobs,
  resultId: string,
): Promise<ResultOutcome> {
  return db.transaction(async (tx) => {
    const stored = await lockResult(tx, resultId);
    if (!stored || stored.processed_at) return { kind: 'already_processed' } as const;
    const outcome = await apply(tx, jobs, resultId, stored);
    await markResultProcessed(tx, resultId, describeResultOutcome(outcome));
    return outcome;
  });
}

async function apply(
  tx: Queryable,
  jobs: Jobs,
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
  const data = { resultId, resultCode: result.resultCode, description: result.resultDesc };
  if (stored.purpose === 'balance') return recordBalance(tx, stored.mode, result);
  const target = stored.target_id ?? '';
  const transfer = target.startsWith('po_')
    ? await lockPayout(tx, target)
    : target.startsWith('re_')
      ? await lockRefund(tx, target)
      : undefined;
  // The URL's token proves the mode: a result never touches the other mode's transfers.
  if (!transfer || transfer.mode !== stored.mode) return { kind: 'unmatched' };
  const table = target.startsWith('po_') ? 'payouts' : 'refunds';
  const done = table === 'payouts' ? 'COMPLETED' : 'PROCESSED';

  if (stored.purpose === 'status') {
    const status = readTransactionStatusResult(result);
    if (unknownToMpesa.has(result.resultCode) && transfer.status === 'PENDING') {
      // Asked only after a silence of RECONCILE_AFTER_SECONDS: M-Pesa's ledger is the authority,
      // and a transfer it has no record of moved no money. (Should its result still come, a
      // success after FAILED is flagged for a person.)
      return settle(tx, jobs, table, transfer.id, {
        to: 'FAILED',
        reason: 'status_check',
        failureCode: result.resultCode,
        failureMessage: `M-Pesa has no record of this ${table === 'payouts' ? 'payout' : 'refund'}, so no money moved: ${result.resultDesc}`,
        data,
      });
    }
    if (result.status !== 'completed' || status.transactionStatus === undefined) {
      return {
        kind: 'inconclusive',
        reason: `status check ${result.resultCode}: ${result.resultDesc}`,
      };
    }
    if (transfer.status !== 'PENDING') return { kind: 'duplicate', status: transfer.status };
    if (!/^completed$/i.test(status.transactionStatus)) {
      return { kind: 'inconclusive', reason: `M-Pesa reports it ${status.transactionStatus}` };
    }
    return settle(tx, jobs, table, transfer.id, {
      to: done,
      reason: 'status_check',
      receipt: status.receipt,
      data,
    });
  }

  if (
    table === 'payouts' &&
    result.originatorConversationId !== transfer.originator_conversation_id
  ) {
    const reason = `result for OriginatorConversationID ${result.originatorConversationId.slice(0, 64)} arrived on ${transfer.id}'s URL`;
    await flagTransfer(tx, table, transfer.id, reason);
    return { kind: 'flagged', reason };
  }
  if (transfer.status !== 'PENDING') {
    if (result.status === 'completed' && transfer.status === 'FAILED') {
      const reason = `M-Pesa completed it after it was marked FAILED (result ${resultId})`;
      await flagTransfer(tx, table, transfer.id, reason);
      return { kind: 'flagged', reason };
    }
    return { kind: 'duplicate', status: transfer.status };
  }
  if (stored.kind === 'timeout') {
    return settle(tx, jobs, table, transfer.id, {
      to: 'FAILED',
      reason: 'queue_timeout',
      failureCode: 'QUEUE_TIMEOUT',
      failureMessage:
        'M-Pesa did not process the request in time (queue timeout); nothing was sent. Try again.',
      data,
    });
  }
  if (result.status === 'completed') {
    const b2c = readB2cResult(result);
    if (b2c.utilityBalanceCents !== undefined) {
      await storeBalanceReport(tx, {
        mode: stored.mode,
        utilityCents: b2c.utilityBalanceCents,
        workingCents: b2c.workingBalanceCents ?? null,
        reportedAt: new Date(),
      });
    }
    return settle(tx, jobs, table, transfer.id, {
      to: done,
      reason: 'result',
      receipt: b2c.receipt ?? result.transactionId,
      reference: result.conversationId || undefined,
      data,
    });
  }
  if (result.resultCode === 'R000001' && 'method' in transfer) {
    // "Already reversed": money went back, but not necessarily by this refund.
    const reason = `M-Pesa says the payment was already reversed (${result.resultDesc})`;
    await flagTransfer(tx, table, transfer.id, reason);
    return { kind: 'flagged', reason };
  }
  return settle(tx, jobs, table, transfer.id, {
    to: 'FAILED',
    reason: 'result',
    reference: result.conversationId || undefined,
    failureCode: result.resultCode,
    failureMessage: result.customerMessage || result.resultDesc,
    data,
  });
}

async function settle(
  tx: Queryable,
  jobs: Jobs,
  table: 'payouts' | 'refunds',
  id: string,
  settlement: {
    to: 'COMPLETED' | 'PROCESSED' | 'FAILED';
    reason: 'result' | 'queue_timeout' | 'status_check';
    receipt?: string | undefined;
    reference?: string | undefined;
    failureCode?: string | undefined;
    failureMessage?: string | undefined;
    data: unknown;
  },
): Promise<ResultOutcome> {
  const settled =
    table === 'payouts'
      ? await settlePayout(tx, jobs, id, {
          ...settlement,
          to: settlement.to === 'FAILED' ? 'FAILED' : 'COMPLETED',
        })
      : await settleRefund(tx, jobs, id, {
          ...settlement,
          to: settlement.to === 'FAILED' ? 'FAILED' : 'PROCESSED',
        });
  return settled
    ? { kind: 'settled', status: settled.status }
    : { kind: 'duplicate', status: 'settled' };
}

async function recordBalance(
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
  const { accounts } = readAccountBalanceResult(result);
  const utility = accounts.find((account) => /utility/i.test(account.name));
  const working = accounts.find((account) => /working/i.test(account.name));
  if (!utility) return { kind: 'invalid', reason: 'balance result without a Utility Account' };
  await storeBalanceReport(tx, {
    mode,
    utilityCents: utility.availableCents,
    workingCents: working?.availableCents ?? null,
    reportedAt: new Date(),
  });
  return { kind: 'balance_recorded' };
}

import { type DarajaResult, readB2cResult } from '@malipo/daraja';
import type { Queryable } from '../db/database.js';
import { storeBalanceReport } from '../stores/balances-store.js';
import type { Mode } from '../stores/rows.js';
import { flagTransfer, markQueueTimeout } from '../stores/transfers-store.js';
import { knownToMpesaById } from '../transfers/known-to-mpesa.js';
import { reportTime } from './balance-report.js';
import type { LockedTransfer } from './locked-transfer.js';
import { readSafely } from './read-safely.js';
import type { ResultOutcome } from './result-outcome.js';
import { settleTransfer } from './settle-transfer.js';

/**
 * Applies the result of a payout or refund request (B2C or reversal), or its queue timeout. The
 * URL names the transfer; the body must agree with what was sent (its OriginatorConversationID),
 * except for a reversal whose acceptance was never stored, whose id only M-Pesa knows.
 */
export async function applyTransferResult(
  tx: Queryable,
  transfer: LockedTransfer,
  result: DarajaResult,
  context: { kind: 'result' | 'timeout'; mode: Mode; resultId: string; data: unknown },
): Promise<ResultOutcome> {
  const { row } = transfer;
  const idKnown = knownToMpesaById({
    table: transfer.table,
    method: transfer.table === 'refunds' ? transfer.row.method : null,
    providerReference: row.provider_reference,
  });
  if (idKnown && result.originatorConversationId !== row.originator_conversation_id) {
    return {
      kind: 'flagged',
      reason: `result for OriginatorConversationID ${result.originatorConversationId.slice(0, 64)} arrived on ${row.id}'s URL`,
    };
  }
  if (row.status !== 'PENDING') {
    const contradicts =
      context.kind === 'result' && (result.status === 'completed') !== (row.status !== 'FAILED');
    if (contradicts) {
      const reason = `M-Pesa reports result ${result.resultCode} for a ${transfer.noun} already ${row.status} (result ${context.resultId})`;
      await flagTransfer(tx, transfer.table, row.id, reason);
      return { kind: 'flagged', reason };
    }
    return { kind: 'duplicate', status: row.status };
  }
  if (context.kind === 'timeout') {
    await markQueueTimeout(tx, transfer.table, row.id);
    return { kind: 'awaiting_status_check' };
  }
  const reference = result.conversationId || undefined;
  if (result.status === 'completed') {
    const b2c = readSafely(() => readB2cResult(result));
    if (b2c?.utilityBalanceCents !== undefined) {
      await storeBalanceReport(tx, {
        mode: context.mode,
        utilityCents: b2c.utilityBalanceCents,
        workingCents: b2c.workingBalanceCents ?? null,
        reportedAt: reportTime(b2c.completedAt),
      });
    }
    return settleTransfer(tx, transfer, {
      to: 'done',
      reason: 'result',
      receipt: b2c?.receipt ?? result.transactionId,
      reference,
      data: context.data,
    });
  }
  if (result.resultCode === 'R000001' && transfer.table === 'refunds') {
    // "Already reversed": money went back, but not necessarily by this refund.
    const reason = `M-Pesa says the payment was already reversed (${result.resultDesc})`;
    await flagTransfer(tx, transfer.table, row.id, reason);
    return { kind: 'flagged', reason };
  }
  return settleTransfer(tx, transfer, {
    to: 'FAILED',
    reason: 'result',
    reference,
    failureCode: result.resultCode,
    failureMessage: result.customerMessage || result.resultDesc,
    data: context.data,
  });
}

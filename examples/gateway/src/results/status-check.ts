import { type DarajaResult, readTransactionStatusResult } from '@malipo/daraja';
import type { Queryable } from '../db/database.js';
import { cents } from '../stores/rows.js';
import { flagTransfer } from '../stores/transfers-store.js';
import { knownToMpesaById } from '../transfers/known-to-mpesa.js';
import type { LockedTransfer } from './locked-transfer.js';
import { readSafely } from './read-safely.js';
import type { ResultOutcome } from './result-outcome.js';
import { settleTransfer } from './settle-transfer.js';

/**
 * Status-check answers meaning M-Pesa has no such transaction: 2032 (unknown receipt or
 * request) and R000002 (invalid original transaction).
 */
const unknownToMpesa = new Set(['2032', 'R000002']);

/**
 * Applies a Transaction Status answer about a payout or refund. Completed (for this transfer's
 * id and amount) completes it; "no such transaction" fails it, but only when M-Pesa knows the
 * transfer by the id asked about; anything else settles nothing. An answer contradicting a
 * settled transfer is flagged for a person.
 */
export async function applyStatusCheck(
  tx: Queryable,
  transfer: LockedTransfer,
  result: DarajaResult,
  data: unknown,
  /** When this answer's question was asked (its result URL says); unknown for older URLs. */
  askedAtMs?: number,
): Promise<ResultOutcome> {
  const { row } = transfer;
  const status = readSafely(() => readTransactionStatusResult(result));
  const completed =
    result.status === 'completed' && /^completed$/i.test(status?.transactionStatus ?? '');
  if (completed) {
    const mismatch = [
      status?.originatorConversationId !== undefined &&
      status.originatorConversationId !== row.originator_conversation_id
        ? `OriginatorConversationID ${status.originatorConversationId.slice(0, 64)}`
        : undefined,
      status?.amountCents !== undefined && status.amountCents !== cents(row.amount_cents)
        ? `amount ${status.amountCents} ≠ ${cents(row.amount_cents)} cents`
        : undefined,
    ].filter(Boolean);
    if (mismatch.length > 0) {
      return {
        kind: 'flagged',
        reason: `status check about another transfer: ${mismatch.join('; ')}`,
      };
    }
    if (row.status === 'FAILED') {
      const reason = `M-Pesa reports it Completed after it was marked FAILED (receipt ${status?.receipt ?? 'unknown'})`;
      await flagTransfer(tx, transfer.table, row.id, reason);
      return { kind: 'flagged', reason };
    }
    if (row.status !== 'PENDING') return { kind: 'duplicate', status: row.status };
    return settleTransfer(tx, transfer, {
      to: 'done',
      reason: 'status_check',
      receipt: status?.receipt,
      data,
    });
  }
  const askable = knownToMpesaById({
    table: transfer.table,
    method: transfer.table === 'refunds' ? transfer.row.method : null,
    providerReference: row.provider_reference,
  });
  // Sent again after the question was asked (a retry resending what a killed process may never
  // have sent): the answer says nothing about that send, which may well be moving money. A
  // question whose time is unknown proves nothing about a transfer sent since then either.
  const sentSinceAsked =
    row.sent_at !== null &&
    !(askedAtMs !== undefined && new Date(row.sent_at).getTime() <= askedAtMs);
  if (
    unknownToMpesa.has(result.resultCode) &&
    askable &&
    row.status === 'PENDING' &&
    !sentSinceAsked
  ) {
    // Asked only after a silence of RECONCILE_AFTER_SECONDS (or a queue timeout): M-Pesa's ledger
    // is the authority, and a transfer it has no record of moved no money. Should its result
    // still come, a success after FAILED is flagged for a person.
    const timedOut = row.queue_timeout_at !== null;
    return settleTransfer(tx, transfer, {
      to: 'FAILED',
      reason: 'status_check',
      failureCode: timedOut ? 'QUEUE_TIMEOUT' : result.resultCode,
      failureMessage: timedOut
        ? `M-Pesa did not process the ${transfer.noun} in time (queue timeout) and has no record of it: nothing was sent. Try again.`
        : `M-Pesa has no record of this ${transfer.noun}, so no money moved: ${result.resultDesc}`,
      data,
    });
  }
  return {
    kind: 'inconclusive',
    reason: sentSinceAsked
      ? `status check ${result.resultCode} asked before the ${transfer.noun} was sent again: settles nothing`
      : `status check ${result.resultCode}: ${status?.transactionStatus ?? result.resultDesc}`,
  };
}

import type { Queryable } from '../db/database.js';
import {
  findTransfer,
  storeTransferReference,
  type TransferRows,
  type TransferTable,
} from '../stores/transfers-store.js';
import type { SendOutcome } from './send-outcome.js';
import type { SendResult, TransferDeps } from './transfer.js';

/**
 * Records how sending a payout or refund went: accepted stores M-Pesa's ConversationID (and, for
 * a reversal, the OriginatorConversationID M-Pesa chose); refused settles it FAILED through
 * `fail` (its state machine); unknown leaves it PENDING for its result or a status check.
 */
export async function recordSend<T extends TransferTable>(
  deps: TransferDeps,
  table: T,
  row: TransferRows[T],
  outcome: SendOutcome,
  options: {
    /** Keep the OriginatorConversationID M-Pesa's answer names (reversals: M-Pesa chooses it). */
    adoptOriginator: boolean;
    fail: (
      tx: Queryable,
      failure: { code: string; message: string },
    ) => Promise<TransferRows[T] | undefined>;
  },
): Promise<SendResult<TransferRows[T]>> {
  const { db } = deps;
  const current = async () => (await findTransfer(db, table, row.id)) as TransferRows[T];
  switch (outcome.kind) {
    case 'accepted': {
      const originator = options.adoptOriginator
        ? // Keep ours should an answer leave it out.
          outcome.originatorConversationId || row.originator_conversation_id
        : undefined;
      const stored = await storeTransferReference(
        db,
        table,
        row.id,
        outcome.conversationId,
        originator,
      );
      return { kind: 'sent', row: stored ?? (await current()) };
    }
    case 'refused': {
      const failed = await db.transaction((tx) => options.fail(tx, outcome));
      return { kind: 'refused', message: outcome.message, row: failed ?? (await current()) };
    }
    case 'unknown':
      return { kind: 'sent', row };
  }
}

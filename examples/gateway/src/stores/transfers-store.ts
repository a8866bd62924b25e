import type { Queryable } from '../db/database.js';
import type { PayoutRow } from './payouts-store.js';
import type { RefundRow } from './refunds-store.js';
import type { Scope } from './rows.js';

/** Payouts and refunds: money the gateway sends out, settled by M-Pesa's asynchronous results. */
export type TransferTable = 'payouts' | 'refunds';

/** The row each table holds. */
export interface TransferRows {
  payouts: PayoutRow;
  refunds: RefundRow;
}

/** The columns a settlement writes. */
export interface TransferSettlement {
  /** M-Pesa's ConversationID, when the result names it and none was stored (a crash lost it). */
  reference?: string | null | undefined;
  receipt: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

/** One row of a payout's or refund's audit trail. */
export async function insertTransferTransition(
  tx: Queryable,
  transition: {
    transferId: string;
    from: string | null;
    to: string;
    reason: string;
    data?: unknown;
  },
): Promise<void> {
  await tx.query(
    `insert into transfer_transitions (transfer_id, from_status, to_status, reason, data)
     values ($1, $2, $3, $4, $5)`,
    [
      transition.transferId,
      transition.from,
      transition.to,
      transition.reason,
      transition.data === undefined ? null : JSON.stringify(transition.data),
    ],
  );
}

/**
 * Unflagged transfers still PENDING whose last status check (or creation) is older than
 * `afterSeconds`, oldest first, each marked checked now so the next sweep waits its turn.
 */
export function claimStaleTransfers(
  tx: Queryable,
  table: TransferTable,
  options: { afterSeconds: number; limit: number },
) {
  return tx.query<{
    id: string;
    mode: 'test' | 'live';
    provider_reference: string | null;
    originator_conversation_id: string;
    /** Refunds: MPESA_REVERSAL or MPESA_B2C; null for payouts. */
    method: string | null;
    age_seconds: number;
    /** When this status check is asked (database time, epoch milliseconds). */
    asked_ms: string | number;
  }>(
    `update ${table} t set status_checked_at = now()
     from (select id from ${table}
           where status = 'PENDING' and flagged_reason is null
             ${table === 'refunds' ? "and method <> 'CARD_REFUND'" : ''}
             and coalesce(status_checked_at, created_at) < now() - make_interval(secs => $1)
           order by created_at limit $2 for update skip locked) stale
     where t.id = stale.id
     returning t.id, t.mode, t.provider_reference, t.originator_conversation_id,
               ${table === 'refunds' ? 't.method' : 'null::text as method'},
               extract(epoch from now() - t.created_at)::int as age_seconds,
               (extract(epoch from now()) * 1000)::bigint as asked_ms`,
    [options.afterSeconds, options.limit],
  );
}

/** Notes that a pending transfer is being sent to Daraja now (again, after a retry). */
export async function markTransferSent(
  db: Queryable,
  table: TransferTable,
  id: string,
): Promise<void> {
  await db.query(`update ${table} set sent_at = now() where id = $1 and status = 'PENDING'`, [id]);
}

export async function flagTransfer(
  tx: Queryable,
  table: TransferTable,
  id: string,
  reason: string,
): Promise<void> {
  await tx.query(`update ${table} set flagged_reason = $2, updated_at = now() where id = $1`, [
    id,
    reason,
  ]);
}

/**
 * Records M-Pesa's queue timeout on a pending transfer and makes it due for a status check at the
 * next sweep: the timeout suggests, but does not prove, that nothing moved.
 */
export async function markQueueTimeout(
  tx: Queryable,
  table: TransferTable,
  id: string,
): Promise<void> {
  await tx.query(
    `update ${table} set queue_timeout_at = coalesce(queue_timeout_at, now()),
       status_checked_at = '-infinity', updated_at = now()
     where id = $1 and status = 'PENDING'`,
    [id],
  );
}

/**
 * One payout or refund: any (`scope` undefined) or the merchant's own in its mode; with `lock`,
 * locked for the rest of the transaction.
 */
export async function findTransfer<T extends TransferTable>(
  db: Queryable,
  table: T,
  id: string,
  options: { scope?: Scope | undefined; lock?: boolean } = {},
): Promise<TransferRows[T] | undefined> {
  const { scope, lock } = options;
  const rows = await db.query<TransferRows[T]>(
    `select * from ${table} where id = $1
       and ($2::text is null or (merchant_id = $2 and mode = $3))${lock ? ' for update' : ''}`,
    [id, scope?.merchantId ?? null, scope?.mode ?? null],
  );
  return rows[0];
}

/**
 * Stores M-Pesa's ConversationID once the request is accepted, and the OriginatorConversationID
 * its answer names when given (a reversal's is M-Pesa's; status checks ask by it).
 */
export async function storeTransferReference<T extends TransferTable>(
  tx: Queryable,
  table: T,
  id: string,
  reference: string,
  originatorConversationId?: string | undefined,
): Promise<TransferRows[T] | undefined> {
  const rows = await tx.query<TransferRows[T]>(
    `update ${table} set provider_reference = $2,
       originator_conversation_id = coalesce($3, originator_conversation_id), updated_at = now()
     where id = $1 and provider_reference is null returning *`,
    [id, reference, originatorConversationId ?? null],
  );
  return rows[0];
}

/** Compare-and-set from PENDING: the row when this call moved it, undefined when none did. */
export async function settlePendingTransfer<T extends TransferTable>(
  tx: Queryable,
  table: T,
  id: string,
  to: TransferRows[T]['status'],
  columns: TransferSettlement,
): Promise<TransferRows[T] | undefined> {
  const rows = await tx.query<TransferRows[T]>(
    `update ${table} set status = $2, receipt = coalesce($3, receipt), failure_code = $4,
       failure_message = $5, provider_reference = coalesce(provider_reference, $6), updated_at = now()
     where id = $1 and status = 'PENDING' returning *`,
    [
      id,
      to,
      columns.receipt,
      columns.failureCode,
      columns.failureMessage,
      columns.reference ?? null,
    ],
  );
  return rows[0];
}

/** Card refunds still PENDING after `afterSeconds` (BUNI did not answer): to send again. */
export async function staleCardRefunds(
  db: Queryable,
  options: { afterSeconds: number; limit: number },
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from refunds where status = 'PENDING' and method = 'CARD_REFUND'
       and created_at < now() - make_interval(secs => $1)
     order by created_at limit $2`,
    [options.afterSeconds, options.limit],
  );
  return rows.map((row) => row.id);
}

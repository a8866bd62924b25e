import type { Queryable } from '../db/database.js';
import type { Mode } from './rows.js';

/** What processing a callback came to, as stored in `mpesa_callbacks.outcome`. */
export type StoredOutcome = string;

/** The stored outcome of a callback that found no payment (yet). */
export const unmatchedOutcome: StoredOutcome = 'unmatched';

export async function insertCallback(
  tx: Queryable,
  callback: {
    id: string;
    mode: Mode;
    checkoutRequestId: string | null;
    body: string;
    remote: string | null;
  },
): Promise<void> {
  await tx.query(
    'insert into mpesa_callbacks (id, mode, checkout_request_id, body, remote_address) values ($1, $2, $3, $4, $5)',
    [callback.id, callback.mode, callback.checkoutRequestId, callback.body, callback.remote],
  );
}

/** The callback, locked for the transaction; undefined when missing. */
export async function lockCallback(
  tx: Queryable,
  id: string,
): Promise<{ body: string; mode: Mode; processed_at: Date | null } | undefined> {
  const rows = await tx.query<{ body: string; mode: Mode; processed_at: Date | null }>(
    'select body, mode, processed_at from mpesa_callbacks where id = $1 for update',
    [id],
  );
  return rows[0];
}

export async function markCallbackProcessed(
  tx: Queryable,
  id: string,
  outcome: StoredOutcome,
): Promise<void> {
  await tx.query('update mpesa_callbacks set processed_at = now(), outcome = $2 where id = $1', [
    id,
    outcome,
  ]);
}

import type { Queryable } from '../db/database.js';
import type { Mode } from './rows.js';

/** What an asynchronous M-Pesa result is about, as its URL names it. */
export type ResultPurpose = 'payout' | 'refund' | 'status' | 'balance';

/** An asynchronous M-Pesa result as received: raw, before any processing. */
export interface StoredResult {
  mode: Mode;
  kind: 'result' | 'timeout';
  purpose: ResultPurpose;
  target_id: string | null;
  body: string;
  processed_at: Date | string | null;
}

export async function insertResult(
  tx: Queryable,
  result: {
    id: string;
    mode: Mode;
    kind: 'result' | 'timeout';
    purpose: ResultPurpose;
    targetId: string | null;
    body: string;
    remote: string | null;
    /** Set for a body refused on arrival: stored processed (never queued), with this outcome. */
    refused?: string | undefined;
  },
): Promise<void> {
  await tx.query(
    `insert into mpesa_results (id, mode, kind, purpose, target_id, body, remote_address, outcome, processed_at, queued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8::text is null then null else now() end,
             case when $8::text is null then null else now() end)`,
    [
      result.id,
      result.mode,
      result.kind,
      result.purpose,
      result.targetId,
      result.body,
      result.remote,
      result.refused ?? null,
    ],
  );
}

/** The result, locked for the transaction; undefined when missing. */
export async function lockResult(tx: Queryable, id: string): Promise<StoredResult | undefined> {
  const rows = await tx.query<StoredResult>(
    'select mode, kind, purpose, target_id, body, processed_at from mpesa_results where id = $1 for update',
    [id],
  );
  return rows[0];
}

export async function markResultProcessed(
  tx: Queryable,
  id: string,
  outcome: string,
): Promise<void> {
  await tx.query('update mpesa_results set processed_at = now(), outcome = $2 where id = $1', [
    id,
    outcome,
  ]);
}

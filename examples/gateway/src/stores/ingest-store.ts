import type { Queryable } from '../db/database.js';

/** The tables whose rows are their own outbox: stored raw, then queued by the outbox relay. */
export type IngestTable = 'mpesa_callbacks' | 'mpesa_results';

/**
 * Marks up to `limit` rows not yet queued as queued, oldest first, and answers their ids. Rows
 * another relay holds are skipped, so several workers share the work.
 */
export async function takeUnqueued(
  tx: Queryable,
  table: IngestTable,
  limit: number,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update ${table} set queued_at = now()
     where id in (select id from ${table} where queued_at is null
                  order by received_at limit $1 for update skip locked)
     returning id`,
    [limit],
  );
  return rows.map((row) => row.id);
}

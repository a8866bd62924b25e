import type { Queryable } from '../db/database.js';
import type { IngestTable } from './ingest-store.js';

/** Stored callbacks or results not processed yet, and how long the oldest of them has waited. */
export interface IngestLag {
  unprocessed: number;
  /** Seconds since the oldest unprocessed row arrived; 0 when there is none. */
  oldestSeconds: number;
}

/**
 * What of `table` waits to be processed, for the metrics (once per scrape): a partial index on
 * `processed_at is null` keeps it to the rows still waiting.
 */
export async function ingestLag(db: Queryable, table: IngestTable): Promise<IngestLag> {
  const rows = await db.query<{ unprocessed: number; oldest_seconds: number }>(
    `select count(*)::float8 as unprocessed,
       coalesce(extract(epoch from now() - min(received_at)), 0)::float8 as oldest_seconds
     from ${table} where processed_at is null`,
  );
  return {
    unprocessed: Number(rows[0]?.unprocessed ?? 0),
    oldestSeconds: Math.max(0, Number(rows[0]?.oldest_seconds ?? 0)),
  };
}

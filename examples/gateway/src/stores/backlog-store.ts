import type { Queryable } from '../db/database.js';
import type { IngestTable } from './ingest-store.js';

/** Rows waiting for something, and how long the oldest of them has waited. */
export interface Backlog {
  count: number;
  /** Seconds the oldest row has waited; 0 when there is none. */
  oldestSeconds: number;
}

/** Reads `count(*)` and the age of `since`'s minimum as a {@link Backlog}. */
async function backlog(db: Queryable, from: string, since: string): Promise<Backlog> {
  const rows = await db.query<{ count: number; oldest_seconds: number }>(
    `select count(*)::float8 as count,
       coalesce(extract(epoch from now() - min(${since})), 0)::float8 as oldest_seconds
     from ${from}`,
  );
  return {
    count: Number(rows[0]?.count ?? 0),
    oldestSeconds: Math.max(0, Number(rows[0]?.oldest_seconds ?? 0)),
  };
}

/**
 * Stored callbacks or results of `table` not processed yet, for the metrics (once per scrape): a
 * partial index on `processed_at is null` keeps it to the rows still waiting.
 */
export function ingestBacklog(db: Queryable, table: IngestTable): Promise<Backlog> {
  return backlog(db, `${table} where processed_at is null`, 'received_at');
}

/** Webhook deliveries recorded but not queued yet by the outbox relay (a partial index). */
export function deliveryBacklog(db: Queryable): Promise<Backlog> {
  return backlog(db, 'webhook_deliveries where queued_at is null', 'created_at');
}

/**
 * Early polls of payments still pending, past their time and not queued yet
 * (`payments_polls_due`), by how late. A payment settled meanwhile keeps its `next_poll_at` until
 * the relay passes, but has nothing left to poll.
 */
export function pollBacklog(db: Queryable): Promise<Backlog> {
  return backlog(db, `payments where next_poll_at <= now() and status = 'PENDING'`, 'next_poll_at');
}

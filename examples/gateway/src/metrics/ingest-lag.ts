import { Gauge, type Registry } from 'prom-client';
import type { Queryable } from '../db/database.js';
import { type IngestLag, ingestLag } from '../stores/ingest-lag-store.js';
import type { IngestTable } from '../stores/ingest-store.js';

/** The `kind` label of each table M-Pesa's callbacks and results are stored in. */
const tables: readonly { table: IngestTable; kind: string }[] = [
  { table: 'mpesa_callbacks', kind: 'callback' },
  { table: 'mpesa_results', kind: 'result' },
];

/**
 * `malipo_mpesa_unprocessed{kind}` and `malipo_mpesa_unprocessed_oldest_seconds{kind}`, one query
 * per table at scrape time: acknowledged to M-Pesa but not applied yet. A growing age means
 * payments are not settling although their customers paid. If the database cannot answer the
 * series are dropped for that scrape, and `onError` hears why.
 */
export function registerIngestLag(
  registry: Registry,
  db: Queryable,
  onError: (error: unknown) => void,
): void {
  // The registry collects every metric at once: both gauges share one reading per scrape.
  let reading: Promise<{ kind: string; lag: IngestLag }[] | undefined> | undefined;
  const read = () => {
    reading ??= Promise.all(
      tables.map(async ({ table, kind }) => ({ kind, lag: await ingestLag(db, table) })),
    )
      .catch((error: unknown) => {
        onError(error);
        return undefined;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const gauge = (name: string, help: string, value: (lag: IngestLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'] as const,
      registers: [registry],
      async collect() {
        const lags = await read();
        if (!lags) return this.reset();
        for (const { kind, lag } of lags) this.set({ kind }, value(lag));
      },
    });
  gauge(
    'malipo_mpesa_unprocessed',
    'Stored M-Pesa callbacks or results not processed yet.',
    (lag) => lag.unprocessed,
  );
  gauge(
    'malipo_mpesa_unprocessed_oldest_seconds',
    'Age of the oldest stored M-Pesa callback or result not processed yet (0 when none).',
    (lag) => lag.oldestSeconds,
  );
}

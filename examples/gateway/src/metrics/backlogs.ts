import { Gauge, type Registry } from 'prom-client';
import type { Queryable } from '../db/database.js';
import {
  type Backlog,
  deliveryBacklog,
  ingestBacklog,
  pollBacklog,
} from '../stores/backlog-store.js';

/** One family of two gauges (how many wait, the oldest's age) over labelled backlogs. */
interface BacklogFamily {
  count: { name: string; help: string };
  oldest: { name: string; help: string };
  label: string;
  sources: readonly { value: string; read: (db: Queryable) => Promise<Backlog> }[];
}

const families: readonly BacklogFamily[] = [
  {
    count: {
      name: 'malipo_mpesa_unprocessed',
      help: 'Stored M-Pesa callbacks or results not processed yet.',
    },
    oldest: {
      name: 'malipo_mpesa_unprocessed_oldest_seconds',
      help: 'Age of the oldest stored M-Pesa callback or result not processed yet (0 when none).',
    },
    label: 'kind',
    sources: [
      { value: 'callback', read: (db) => ingestBacklog(db, 'mpesa_callbacks') },
      { value: 'result', read: (db) => ingestBacklog(db, 'mpesa_results') },
    ],
  },
  {
    count: {
      name: 'malipo_outbox_waiting',
      help: 'Webhook deliveries recorded and early polls due that the outbox relay has not queued yet.',
    },
    oldest: {
      name: 'malipo_outbox_waiting_oldest_seconds',
      help: 'How long the oldest of them has waited (a delivery since recorded, a poll since due; 0 when none).',
    },
    label: 'outbox',
    sources: [
      { value: 'delivery', read: deliveryBacklog },
      { value: 'poll', read: pollBacklog },
    ],
  },
];

/**
 * `malipo_mpesa_unprocessed{kind}` and `…_oldest_seconds` (acknowledged to M-Pesa but not applied
 * yet: a growing age means payments are not settling although their customers paid), and
 * `malipo_outbox_waiting{outbox}` and `…_oldest_seconds` (what the outbox relay has not queued:
 * a growing age means no relay runs, or its passes fail). One query per backlog at scrape time; if
 * the database cannot answer, a family's series are dropped for that scrape and `onError` hears
 * why.
 */
export function registerBacklogs(
  registry: Registry,
  db: Queryable,
  onError: (error: unknown) => void,
): void {
  for (const family of families) registerFamily(registry, db, family, onError);
}

function registerFamily(
  registry: Registry,
  db: Queryable,
  family: BacklogFamily,
  onError: (error: unknown) => void,
): void {
  // The registry collects every metric at once: both gauges share one reading per scrape.
  let reading: Promise<{ value: string; backlog: Backlog }[] | undefined> | undefined;
  const read = () => {
    reading ??= Promise.all(
      family.sources.map(async ({ value, read }) => ({ value, backlog: await read(db) })),
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
  const gauge = (name: string, help: string, value: (backlog: Backlog) => number) =>
    new Gauge({
      name,
      help,
      labelNames: [family.label],
      registers: [registry],
      async collect() {
        const backlogs = await read();
        if (!backlogs) return this.reset();
        for (const source of backlogs)
          this.set({ [family.label]: source.value }, value(source.backlog));
      },
    });
  gauge(family.count.name, family.count.help, (backlog) => backlog.count);
  gauge(family.oldest.name, family.oldest.help, (backlog) => backlog.oldestSeconds);
}

import type { Database } from '../db/database.js';
import { type IngestTable, takeUnqueued } from '../stores/ingest-store.js';
import type { IngestSignal } from './ingest-signal.js';
import type { Jobs } from './jobs.js';
import { type QueueName, queues } from './queues.js';

/**
 * The tables whose rows are their own outbox: the API acknowledges M-Pesa after one insert (no
 * transaction, no job), and the relay queues every row not yet queued. A row is committed before
 * the sender hears 200, and stays unqueued until a relay transaction queues it, so nothing
 * accepted is lost, whatever stops when.
 */
const sources: readonly { table: IngestTable; queue: QueueName; field: string }[] = [
  { table: 'mpesa_callbacks', queue: queues.callback, field: 'callbackId' },
  { table: 'mpesa_results', queue: queues.result, field: 'resultId' },
];

/** Rows queued per transaction; a full batch runs the next at once. */
const batchSize = 500;

export interface IngestRelay {
  /** Stops the relay once its current pass (if any) ends. */
  stop(): Promise<void>;
}

/**
 * Starts the relay in a worker process. It runs when nudged (the API in the same process) and
 * every `intervalMs` otherwise (API processes elsewhere on PostgreSQL). Several workers share the
 * work: each takes rows with `for update skip locked`.
 *
 * In a burst of callbacks the API and the workers of one process share one event loop and (on
 * PGlite) one connection; processing each as it arrives would slow how fast M-Pesa is answered
 * several times over. So while the API in this process signals a burst the relay holds processing
 * back — acknowledging first — until the burst ends or `maxDeferMs` has passed.
 */
export function startIngestRelay(
  db: Database,
  jobs: Jobs,
  options: {
    intervalMs: number;
    ingest: IngestSignal;
    maxDeferMs: number;
    onError: (error: unknown) => void;
  },
): IngestRelay {
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  let deferredSince: number | undefined;
  let deferTimer: NodeJS.Timeout | undefined;

  /** False while a burst holds processing back (and schedules the check that ends it). */
  function due(): boolean {
    const now = performance.now();
    if (!options.ingest.busy()) {
      deferredSince = undefined;
      return true;
    }
    deferredSince ??= now;
    if (now - deferredSince >= options.maxDeferMs) {
      deferredSince = now;
      return true;
    }
    deferTimer ??= setTimeout(() => {
      deferTimer = undefined;
      if (!stopped && due()) tick();
    }, 100);
    return false;
  }

  async function queueBatch(source: (typeof sources)[number]): Promise<number> {
    return db.transaction(async (tx) => {
      const ids = await takeUnqueued(tx, source.table, batchSize);
      await jobs.sendMany(
        source.queue,
        ids.map((id) => ({ data: { [source.field]: id } })),
        { tx },
      );
      return ids.length;
    });
  }

  async function pass(): Promise<number> {
    let queued = 0;
    for (const source of sources) {
      for (;;) {
        const n = await queueBatch(source);
        queued += n;
        if (n < batchSize || stopped) break;
      }
    }
    return queued;
  }

  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const tick = () => {
    run().catch(options.onError);
  };
  const timer = setInterval(() => {
    if (due()) tick();
  }, options.intervalMs);
  timer.unref();
  tick();
  // A body stored by the API in this process: queue it now, unless a burst is on.
  options.ingest.onStored(() => {
    if (stopped || !due()) return;
    if (running) again = true;
    else queueMicrotask(tick);
  });

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(deferTimer);
      await running?.catch(() => {});
    },
  };
}

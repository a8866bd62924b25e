import type { Database, Queryable } from '../db/database.js';
import { takeUnqueuedDeliveries } from '../stores/events-store.js';
import { type IngestTable, takeUnqueued } from '../stores/ingest-store.js';
import { takeDuePolls } from '../stores/payments-store.js';
import type { IngestSignal } from './ingest-signal.js';
import type { Jobs } from './jobs.js';
import { type QueueName, queues } from './queues.js';

/**
 * A table whose rows are their own outbox: `take` marks up to `limit` rows as queued (rows another
 * relay holds are skipped) and answers the jobs' data, which the relay queues in the same
 * transaction. A row is committed before anyone is told it was accepted, and stays unqueued until
 * a relay transaction queues it, so nothing accepted is lost, whatever stops when.
 */
interface OutboxSource {
  queue: QueueName;
  /** Bodies M-Pesa sent (callbacks and results), which a nudge from the API queues at once. */
  ingest: boolean;
  take(tx: Queryable, limit: number): Promise<object[]>;
}

/** Callbacks and results: the API acknowledges M-Pesa after one insert (no transaction, no job). */
function ingestSource(table: IngestTable, queue: QueueName, field: string): OutboxSource {
  return {
    queue,
    ingest: true,
    take: async (tx, limit) =>
      (await takeUnqueued(tx, table, limit)).map((id) => ({ [field]: id })),
  };
}

/**
 * Every outbox the relay empties: stored callbacks and results; webhook deliveries a state change
 * recorded in its own statement; payments whose early poll is due (`pollSchedule`).
 */
function outboxSources(pollSchedule: readonly number[]): readonly OutboxSource[] {
  return [
    ingestSource('mpesa_callbacks', queues.callback, 'callbackId'),
    ingestSource('mpesa_results', queues.result, 'resultId'),
    {
      queue: queues.delivery,
      ingest: false,
      take: async (tx, limit) =>
        (await takeUnqueuedDeliveries(tx, limit)).map((row) => ({
          deliveryId: row.id,
          merchantId: row.merchant_id,
          mode: row.mode,
        })),
    },
    {
      queue: queues.poll,
      ingest: false,
      take: async (tx, limit) =>
        (await takeDuePolls(tx, pollSchedule, limit)).map((row) => ({
          paymentId: row.id,
          merchantId: row.merchant_id,
          mode: row.mode,
        })),
    },
  ];
}

/** Rows queued per transaction; a full batch runs the next at once. */
const batchSize = 500;
/** How late an interval timer may fire, against the pass it started, and still count as due. */
const timerSlackMs = 20;

export interface OutboxRelay {
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
export function startOutboxRelay(
  db: Database,
  jobs: Jobs,
  options: {
    intervalMs: number;
    /** Seconds after an STK push (or an unanswered card charge) of each early poll. */
    pollSchedule: readonly number[];
    ingest: IngestSignal;
    maxDeferMs: number;
    onError: (error: unknown) => void;
  },
): OutboxRelay {
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

  const sources = outboxSources(options.pollSchedule);
  // A nudge (a body stored in this process) needs only the ingest tables: each pass costs the one
  // connection PGlite has, once per body. Deliveries and due polls wait for the next interval —
  // but any pass (a nudge, the end of a deferral) takes them once an interval has passed since the
  // last full pass, so a long burst of nudges never starves them.
  // Each group is its own transaction, so a failing outbox of one never holds the other back.
  const ingestSources = sources.filter((source) => source.ingest);
  const laterSources = sources.filter((source) => !source.ingest);
  let lastFullPass = Number.NEGATIVE_INFINITY;

  /** One transaction: up to a batch from each of `from`. Answers the rows queued, by source. */
  function queueBatch(from: readonly OutboxSource[]): Promise<number[]> {
    return db.transaction(async (tx) => {
      const counts: number[] = [];
      for (const source of from) {
        const taken = await source.take(tx, batchSize);
        await jobs.sendMany(
          source.queue,
          taken.map((data) => ({ data })),
          { tx },
        );
        counts.push(taken.length);
      }
      return counts;
    });
  }

  /** Empties `from`, a batch per transaction; a failure is reported and the rows wait for the next pass. */
  async function pass(from: readonly OutboxSource[]): Promise<number> {
    let queued = 0;
    try {
      for (;;) {
        const counts = await queueBatch(from);
        for (const n of counts) queued += n;
        if (counts.every((n) => n < batchSize) || stopped) return queued;
      }
    } catch (error) {
      options.onError(error);
      return queued;
    }
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
        const now = performance.now();
        // The interval timer fires no sooner than an interval after the last full pass began,
        // less the moment between its firing and that pass's start.
        const full = now - lastFullPass >= options.intervalMs - timerSlackMs;
        if (full) lastFullPass = now;
        total += await pass(ingestSources);
        if (full) total += await pass(laterSources);
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

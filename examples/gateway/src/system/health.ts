import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';
import { databaseAnswers } from '../db/ping.js';
import { queues } from '../jobs/queues.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { deliveryTotals } from '../stores/events-store.js';
import { scheduledPolls } from '../stores/payments-store.js';

export interface Health {
  ok: boolean;
  database: 'ok' | 'unavailable';
  queue: 'ok' | 'unavailable';
}

/** How long a check may take: a database that stops answering is unavailable, not a hang. */
const checkTimeoutMs = 2_000;

const within = <T>(check: Promise<T>, fallback: T): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    check,
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), checkTimeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
};

/** Whether the database answers and the job queue exists, each within 2 s. */
export async function checkHealth(db: Database, boss: PgBoss): Promise<Health> {
  const [answers, queue] = await Promise.all([
    within(databaseAnswers(db), false),
    within(
      boss.getQueue(queues.delivery).then(
        (found) => (found ? ('ok' as const) : ('unavailable' as const)),
        () => 'unavailable' as const,
      ),
      'unavailable' as const,
    ),
  ]);
  const database = answers ? ('ok' as const) : ('unavailable' as const);
  return { ok: database === 'ok' && queue === 'ok', database, queue };
}

/** The queues whose jobs belong to one merchant (callbacks and reconciliation are gateway-wide). */
const merchantQueues = [queues.delivery, queues.deliverySlow, queues.poll];

/**
 * Test-mode queue statistics for one merchant: its jobs waiting and running (each job carries
 * its merchant) — with the deliveries not yet queued and the payments with an early poll to come
 * — and its finished deliveries. Other merchants' work is never counted.
 */
export async function jobStatistics(db: Database, boss: PgBoss, merchant: AuthenticatedMerchant) {
  let pending = 0;
  let processing = 0;
  for (const name of merchantQueues) {
    const jobs = await boss.findJobs(name, {
      data: { merchantId: merchant.merchantId, mode: merchant.mode },
      limit: 100_000,
    });
    for (const job of jobs) {
      if (job.state === 'created' || job.state === 'retry') pending++;
      else if (job.state === 'active') processing++;
    }
  }
  const totals = await deliveryTotals(db, merchant);
  pending += totals.unqueued + (await scheduledPolls(db, merchant));
  return { pending, processing, completed: totals.delivered, failed: totals.failed };
}

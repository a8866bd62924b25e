import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';
import { databaseAnswers } from '../db/ping.js';
import { queues } from '../jobs/queues.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { deliveryTotals } from '../stores/events-store.js';

export interface Health {
  ok: boolean;
  database: 'ok' | 'unavailable';
  queue: 'ok' | 'unavailable';
}

/** Whether the database answers and the job queue exists. */
export async function checkHealth(db: Database, boss: PgBoss): Promise<Health> {
  const database = (await databaseAnswers(db)) ? ('ok' as const) : ('unavailable' as const);
  const queue = await boss.getQueue(queues.delivery).then(
    (found) => (found ? ('ok' as const) : ('unavailable' as const)),
    () => 'unavailable' as const,
  );
  return { ok: database === 'ok' && queue === 'ok', database, queue };
}

/** Test-mode queue statistics: jobs waiting and running, and the merchant's finished deliveries. */
export async function jobStatistics(db: Database, boss: PgBoss, merchant: AuthenticatedMerchant) {
  const found = await boss.getQueues(Object.values(queues));
  const sum = (pick: (q: (typeof found)[number]) => number) =>
    found.reduce((total, q) => total + pick(q), 0);
  const totals = await deliveryTotals(db, merchant.merchantId);
  return {
    pending: sum((q) => q.queuedCount),
    processing: sum((q) => q.activeCount),
    completed: totals.delivered,
    failed: totals.failed,
  };
}

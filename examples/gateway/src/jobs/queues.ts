import { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';

/** Every queue the gateway uses, with its retry policy. */
export const queues = {
  /** A persisted Daraja callback to apply to its payment. */
  callback: 'mpesa-callback',
  /** One attempt to deliver a webhook; the schedule is ours, so pg-boss only retries crashes. */
  delivery: 'webhook-delivery',
  /**
   * An attempt at a destination that lately timed out or answered slowly: a lane of its own, so
   * that a stalling receiver holds up only other slow receivers' deliveries.
   */
  deliverySlow: 'webhook-delivery-slow',
  /** An early STK query of one pending payment (the Daraja integration guide's inline polling). */
  poll: 'payment-poll',
  /** A persisted asynchronous M-Pesa result (B2C, reversal, status, balance) to apply. */
  result: 'mpesa-result',
  /** Sweep of payments pending too long. */
  reconcile: 'payment-reconcile',
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];

/** Starts pg-boss on the gateway's database and makes sure every queue exists. */
export async function startBoss(db: Database, options: { schedule: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    ...db.bossOptions,
    useListenNotify: true,
    schedule: options.schedule,
    supervise: options.schedule,
    // A worker killed mid-job stops heartbeating; the supervisor notices within seconds and the
    // job runs again (handlers are idempotent), instead of waiting out its expiry. PGlite is one
    // process, whose dead workers' jobs are released at start: there its maintenance passes run
    // seldom, since each holds the only connection the API answers callbacks on.
    superviseIntervalSeconds: db.kind === 'pglite' ? 30 : 5,
    monitorIntervalSeconds: db.kind === 'pglite' ? 60 : 5,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (error) => {
    // pg-boss reports background maintenance errors here; they must not crash the process.
    process.emitWarning(`pg-boss: ${error instanceof Error ? error.message : String(error)}`);
  });
  await boss.start();
  const common = {
    notify: true,
    retryBackoff: true,
    retryDelay: 1,
    retryDelayMax: 60,
    heartbeatSeconds: 10,
  };
  await boss.createQueue(queues.callback, { ...common, retryLimit: 20, expireInSeconds: 60 });
  await boss.createQueue(queues.result, { ...common, retryLimit: 20, expireInSeconds: 60 });
  await boss.createQueue(queues.delivery, { ...common, retryLimit: 5, expireInSeconds: 120 });
  await boss.createQueue(queues.deliverySlow, { ...common, retryLimit: 5, expireInSeconds: 120 });
  await boss.createQueue(queues.poll, { ...common, retryLimit: 3, expireInSeconds: 120 });
  await boss.createQueue(queues.reconcile, {
    ...common,
    retryLimit: 1,
    expireInSeconds: 600,
    policy: 'stately',
  });
  return boss;
}

/**
 * PGlite is one process (the data folder is locked), so any job still `active` when a worker
 * starts belongs to a process that died: hand it back for a retry at once instead of waiting for
 * the supervisor to notice the missed heartbeats. Never used on PostgreSQL, where another live
 * process may own such a job.
 */
export async function releaseOrphanedJobs(db: Database, boss: PgBoss): Promise<number> {
  if (db.kind !== 'pglite') return 0;
  let released = 0;
  for (const name of Object.values(queues)) {
    const jobs = await boss.findJobs(name, { limit: 100_000 });
    const active = jobs.filter((job) => job.state === 'active').map((job) => job.id);
    if (active.length > 0) {
      await boss.fail(name, active, { message: 'worker process died; retrying' });
      released += active.length;
    }
  }
  return released;
}

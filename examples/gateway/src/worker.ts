import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { describeOutcome, needsReview, processCallback } from './callbacks/process-callback.js';
import { expireDueSessions } from './checkout/settle-session.js';
import type { GatewayConfig } from './config/config.js';
import type { Database } from './db/database.js';
import type { IngestSignal } from './jobs/ingest-signal.js';
import type { Jobs } from './jobs/jobs.js';
import { type OutboxRelay, startOutboxRelay } from './jobs/outbox-relay.js';
import { queues, releaseOrphanedJobs } from './jobs/queues.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { MpesaModes } from './mpesa/mpesa.js';
import { expireAuthorizations } from './payments/card-authorisation.js';
import { queryPayment, reconcile } from './payments/reconcile.js';
import type { BuniModes } from './providers/buni/buni.js';
import { resendCardRefunds } from './refunds/card-refund.js';
import {
  describeResultOutcome,
  processResult,
  resultNeedsReview,
} from './results/process-result.js';
import { forgetExpiredSignIns } from './sign-in/sign-in.js';
import { reconcileTransfers } from './transfers/reconcile-transfers.js';
import { type AttemptOutcome, createDeliverer } from './webhooks/deliver.js';

// Batches of up to 10, worked concurrently; while fetches come back full (a backlog) the worker
// fetches again at once, otherwise it polls every 0.5–1 s.
const polling = {
  pollingIntervalSeconds: 0.5,
  notifyPollingIntervalSeconds: 1,
  batchSize: 10,
  burstWhenBatchFull: true,
};

/** Runs each job of a batch concurrently; a failure fails the batch, whose jobs are idempotent. */
function each<T>(handle: (data: T) => Promise<unknown>) {
  return async (batch: { data: T }[]) => {
    const results = await Promise.allSettled(batch.map((job) => handle(job.data)));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
}

/**
 * How often the outbox relay looks for stored callbacks and results, new webhook deliveries and
 * due polls without a nudge: API processes elsewhere (PostgreSQL scale-out) cannot nudge this one.
 */
const relayIntervalMs = 200;
/** In a burst, processing waits up to this long, so M-Pesa is answered at one insert each. */
const relayMaxDeferMs = 10_000;

/**
 * The worker side's composition root: registers every queue's worker and starts the outbox
 * relay, which it returns (the API in the same process nudges it). Each handler is idempotent
 * (compare-and-set settlements, attempt rows keyed by number), so pg-boss's at-least-once
 * redelivery after a crash never does anything twice.
 */
export async function startWorkers(
  boss: PgBoss,
  deps: {
    db: Database;
    jobs: Jobs;
    mpesa: MpesaModes;
    buni: BuniModes;
    config: GatewayConfig;
    logger: Logger;
    /** What the API in this process says about arriving callbacks (nothing, in a worker alone). */
    ingest: IngestSignal;
    /** The process's Prometheus metrics, when a metrics endpoint is configured. */
    metrics?: GatewayMetrics | undefined;
  },
): Promise<OutboxRelay> {
  const { db, jobs, config, logger, metrics } = deps;
  const orphans = await releaseOrphanedJobs(db, boss);
  if (orphans > 0) logger.warn({ jobs: orphans }, 'retrying jobs of a process that died');
  const deliver = createDeliverer(db, jobs, {
    retryIntervals: config.webhookRetryIntervals,
    timeoutMs: config.webhookTimeoutMs,
    allowPrivate: config.allowPrivateWebhookUrls,
    connectionsPerDestination: 16,
  });

  await boss.work<{ callbackId: string }>(
    queues.callback,
    { ...polling, localConcurrency: 2 },
    each(async ({ callbackId }) => {
      const outcome = await processCallback(db, callbackId);
      // Flagged and unmatched callbacks need a person: log them where alerts look.
      logger[needsReview(outcome) ? 'warn' : 'info'](
        { callback_id: callbackId, outcome: describeOutcome(outcome) },
        'callback processed',
      );
    }),
  );

  await boss.work<{ resultId: string }>(
    queues.result,
    { ...polling, localConcurrency: 2 },
    each(async ({ resultId }) => {
      const outcome = await processResult(db, resultId);
      logger[resultNeedsReview(outcome) ? 'warn' : 'info'](
        { result_id: resultId, outcome: describeResultOutcome(outcome) },
        'M-Pesa result processed',
      );
    }),
  );

  // Deliveries go in batches of up to 50 (one read, concurrent sends, one logging transaction),
  // two batches at a time: at most 100 in flight per worker process. A batch lasts as long as
  // its slowest send, so destinations that lately answered slowly (or not at all) get a lane of
  // their own: 4 batches of 10, where they hold up only each other.
  for (const [lane, queue, batchSize, localConcurrency] of [
    ['main', queues.delivery, 50, 2],
    ['slow', queues.deliverySlow, 10, 4],
  ] as const) {
    await boss.work<{ deliveryId: string }>(
      queue,
      { ...polling, batchSize, localConcurrency },
      async (batch) => {
        const outcomes = await deliver(
          batch.map((job) => job.data.deliveryId),
          lane,
        );
        for (const [deliveryId, outcome] of outcomes) {
          logger.info({ webhook_id: deliveryId, outcome }, 'webhook attempt');
          if (metrics) countAttempt(metrics, outcome);
        }
      },
    );
  }

  await boss.work<{ paymentId: string }>(
    queues.poll,
    { ...polling, localConcurrency: 2 },
    each(async ({ paymentId }) => {
      const payment = await queryPayment(deps, paymentId, 'poll');
      logger.debug({ payment_id: paymentId, status: payment?.status }, 'payment polled');
    }),
  );

  // Reconciliation is a chain: each sweep queues the next one interval later, and every worker
  // start kicks one off at once, so after a crash the sweep runs as soon as a worker is back. The
  // queue is `stately` (at most one queued and one running), so chains never multiply.
  const nextSweep = (startAfterSeconds: number) =>
    boss.send(queues.reconcile, {}, { startAfter: startAfterSeconds });
  // The next sweep is a delayed job, which LISTEN/NOTIFY never announces: without its own
  // notify polling interval pg-boss looks for it only every 30 s, whatever the sweep interval.
  const reconcileWorker = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 };
  await boss.work(queues.reconcile, reconcileWorker, async () => {
    try {
      const settled = await reconcile(deps, {
        afterSeconds: config.reconcileAfterSeconds,
        expireAfterSeconds: config.expireAfterSeconds,
      });
      if (settled > 0) logger.info({ settled }, 'reconciliation');
      const transfers = await reconcileTransfers(deps, {
        afterSeconds: config.reconcileAfterSeconds,
        expireAfterSeconds: config.expireAfterSeconds,
      });
      await forgetExpiredSignIns(db);
      const authorisations = await expireAuthorizations(deps);
      const cardRefunds = await resendCardRefunds(deps, {
        afterSeconds: config.reconcileAfterSeconds,
      });
      if (cardRefunds > 0) logger.info({ settled: cardRefunds }, 'card refunds sent again');
      if (authorisations > 0)
        logger.info({ expired: authorisations }, 'card authorisations expired');
      const sessions = await expireDueSessions(db);
      if (sessions > 0) logger.info({ expired: sessions }, 'checkout sessions expired');
      if (transfers.checked + transfers.flagged + transfers.failed.length > 0) {
        logger[transfers.flagged + transfers.failed.length > 0 ? 'warn' : 'info'](
          transfers,
          'payout and refund reconciliation',
        );
      }
    } finally {
      await nextSweep(config.reconcileIntervalSeconds);
    }
  });
  await nextSweep(0);
  return startOutboxRelay(db, jobs, {
    intervalMs: relayIntervalMs,
    pollSchedule: config.pollScheduleSeconds,
    ingest: deps.ingest,
    maxDeferMs: relayMaxDeferMs,
    onError: (error) => logger.error({ err: error }, 'outbox relay pass failed; retrying'),
  });
}

/** One webhook attempt in the metrics; `nothing_to_do` (already settled) sent nothing. */
function countAttempt(metrics: GatewayMetrics, outcome: AttemptOutcome): void {
  if (outcome.kind === 'nothing_to_do' || outcome.kind === 'moved_to_slow_lane') return;
  metrics.webhookAttempts.inc({ outcome: outcome.kind });
  if (outcome.kind !== 'cancelled') {
    metrics.webhookAttemptDuration.observe({ outcome: outcome.kind }, outcome.durationMs / 1000);
  }
}

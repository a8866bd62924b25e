import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import {
  advanceDeliveries,
  cancelPendingDeliveries,
  type DeliveryAdvance,
  type DeliveryToAttempt,
  findDeliveriesToAttempt,
  insertAttempts,
} from '../stores/events-store.js';
import { storableText } from '../stores/storable.js';
import { createDeliveryAgent } from './destination.js';
import { type SentAttempt, sendAttempt } from './send-attempt.js';
import { createSlowDestinations } from './slow-destinations.js';

export interface DeliveryOptions {
  /** Seconds before attempt n+1 (index n); its length is the number of attempts. */
  retryIntervals: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
  /** Connections kept open to one destination at most (keep-alive, per origin). */
  connectionsPerDestination: number;
}

/** Which lane a batch came from: the main one, or the one of slow destinations. */
export type DeliveryLane = 'main' | 'slow';

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'delivered'; attempt: number; durationMs: number }
  | {
      kind: 'failed';
      attempt: number;
      error: string;
      retryInSeconds: number | undefined;
      durationMs: number;
    }
  /** Not PENDING (delivered, failed for good, or unknown): nothing was sent. */
  | { kind: 'nothing_to_do' }
  /** Its endpoint was deleted meanwhile: nothing was sent, and it ends CANCELLED. */
  | { kind: 'cancelled'; reason: string }
  /** Its destination lately answered slowly: nothing was sent here; the slow lane sends it. */
  | { kind: 'moved_to_slow_lane' };

/**
 * Makes one attempt at each of a batch of deliveries and logs them together. The deliveries are
 * read in one query and sent concurrently (kept-alive connections, at most
 * `connectionsPerDestination` to one origin); then one transaction logs every attempt, moves each
 * delivery on (compare-and-set on its attempt count) and schedules the retries. A failure
 * schedules the next attempt; after the last, the delivery is FAILED (a manual retry can revive it).
 */
export function createDeliverer(db: Database, jobs: Jobs, options: DeliveryOptions) {
  const agent = createDeliveryAgent(options.allowPrivate, options.connectionsPerDestination);
  // A batch waits for its slowest send: a destination that took this long goes to its own lane.
  const slow = createSlowDestinations({ slowMs: Math.min(options.timeoutMs, 3_000) });
  return async function deliver(
    deliveryIds: readonly string[],
    lane: DeliveryLane = 'main',
  ): Promise<Map<string, AttemptOutcome>> {
    const outcomes = new Map<string, AttemptOutcome>(
      deliveryIds.map((id) => [id, { kind: 'nothing_to_do' }]),
    );
    const found = await findDeliveriesToAttempt(db, deliveryIds);
    const due: DeliveryToAttempt[] = [];
    const moved: DeliveryToAttempt[] = [];
    for (const delivery of found) {
      if (delivery.status !== 'PENDING') continue;
      if (lane === 'main' && slow.isSlow(delivery.url)) {
        moved.push(delivery);
        outcomes.set(delivery.id, { kind: 'moved_to_slow_lane' });
        continue;
      }
      if (delivery.endpoint_enabled === false) {
        const reason = 'endpoint deleted before delivery';
        await db.transaction((tx) =>
          cancelPendingDeliveries(tx, { deliveryId: delivery.id }, reason),
        );
        outcomes.set(delivery.id, { kind: 'cancelled', reason });
      } else {
        due.push(delivery);
      }
    }
    // Queued last: should the batch fail before, and run again, nothing was moved twice.
    const moveToSlowLane = () =>
      jobs.sendMany(
        queues.deliverySlow,
        moved.map((delivery) => ({
          data: { deliveryId: delivery.id, merchantId: delivery.merchant_id, mode: delivery.mode },
        })),
      );
    if (due.length === 0) {
      await moveToSlowLane();
      return outcomes;
    }
    const sent = await Promise.all(
      due.map((delivery) =>
        sendAttempt(delivery, {
          agent,
          timeoutMs: options.timeoutMs,
          allowPrivate: options.allowPrivate,
        }),
      ),
    );
    due.forEach((delivery, i) => {
      slow.record(delivery.url, (sent[i] as SentAttempt).durationMs);
    });
    const changes = due.map((delivery, i) => advanceOf(delivery, sent[i] as SentAttempt, options));
    await db.transaction(async (tx) => {
      await insertAttempts(
        tx,
        due.map((delivery, i) => {
          const attempt = sent[i] as SentAttempt;
          return {
            deliveryId: delivery.id,
            attempt: delivery.attempts + 1,
            statusCode: attempt.statusCode,
            excerpt: attempt.excerpt === null ? null : storableText(attempt.excerpt),
            durationMs: attempt.durationMs,
            error: attempt.error === null ? null : storableText(attempt.error),
          };
        }),
      );
      const advanced = await advanceDeliveries(tx, changes);
      await jobs.sendMany(
        queues.delivery,
        due.flatMap((delivery, i) => {
          const next = changes[i]?.nextInSeconds;
          if (next === undefined || !advanced.has(delivery.id)) return [];
          return [
            {
              data: {
                deliveryId: delivery.id,
                merchantId: delivery.merchant_id,
                mode: delivery.mode,
              },
              startAfterSeconds: next,
            },
          ];
        }),
        { tx },
      );
    });
    due.forEach((delivery, i) => {
      const attempt = sent[i] as SentAttempt;
      const number = delivery.attempts + 1;
      outcomes.set(
        delivery.id,
        attempt.error === null
          ? { kind: 'delivered', attempt: number, durationMs: attempt.durationMs }
          : {
              kind: 'failed',
              attempt: number,
              error: attempt.error,
              retryInSeconds: changes[i]?.nextInSeconds,
              durationMs: attempt.durationMs,
            },
      );
    });
    await moveToSlowLane();
    return outcomes;
  };
}

/** Where one attempt moves its delivery: delivered, the next attempt, or FAILED after the last. */
function advanceOf(
  delivery: DeliveryToAttempt,
  sent: SentAttempt,
  options: DeliveryOptions,
): DeliveryAdvance {
  const attempts = delivery.attempts + 1;
  const delivered = sent.error === null;
  const next = delivered || sent.permanent ? undefined : options.retryIntervals[attempts];
  return {
    id: delivery.id,
    fromAttempts: delivery.attempts,
    attempts,
    status: delivered ? 'DELIVERED' : next === undefined ? 'FAILED' : 'PENDING',
    nextInSeconds: next,
  };
}

import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import {
  type AttemptRow,
  attemptsOf,
  type DeliveryRow,
  findDelivery,
  listDeliveries,
  reopenDelivery,
} from '../stores/events-store.js';
import type { After, Scope } from '../stores/rows.js';

/** A delivery with its attempts. */
export interface DeliveryWithAttempts {
  delivery: DeliveryRow;
  attempts: AttemptRow[];
}

async function withAttempts(db: Database, rows: DeliveryRow[]): Promise<DeliveryWithAttempts[]> {
  const attempts = await attemptsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((delivery) => ({
    delivery,
    attempts: attempts.filter((attempt) => attempt.delivery_id === delivery.id),
  }));
}

/** One page of delivery logs, newest first (`limit + 1` rows). */
export async function listMerchantDeliveries(
  db: Database,
  merchant: Scope,
  filters: {
    status?: string | undefined;
    eventId?: string | undefined;
    paymentId?: string | undefined;
  },
  after: After | undefined,
  limit: number,
): Promise<DeliveryWithAttempts[]> {
  const rows = await listDeliveries(db, merchant, filters, after, limit);
  // The extra row only tells whether there is more: its attempts are not needed.
  const page = await withAttempts(db, rows.slice(0, limit));
  return rows.length > limit
    ? [...page, { delivery: rows[limit] as DeliveryRow, attempts: [] }]
    : page;
}

const deliveryIdPattern = /^wh_[a-z0-9]{20}$/;

/**
 * A FAILED delivery becomes PENDING again with a fresh attempt queued now; DELIVERED ones may be
 * re-sent too (a receiver that lost one). A PENDING one already has an attempt coming: refused.
 */
export async function retryDelivery(
  db: Database,
  jobs: Jobs,
  merchant: Scope,
  id: string,
): Promise<DeliveryWithAttempts> {
  const notFound = () =>
    new DomainError('NOT_FOUND', `No webhook delivery ${id.slice(0, 64)}.`, 'webhook_id');
  if (!deliveryIdPattern.test(id)) throw notFound();
  const retried = await db.transaction(async (tx) => {
    const reopened = await reopenDelivery(tx, merchant, id);
    if (reopened) {
      await jobs.send(
        queues.delivery,
        { deliveryId: id, merchantId: merchant.merchantId, mode: merchant.mode },
        { tx },
      );
    }
    return reopened;
  });
  const row = await findDelivery(db, merchant, id);
  if (!row) throw notFound();
  if (!retried) {
    throw new DomainError(
      'INVALID_STATE',
      row.status === 'CANCELLED'
        ? `This delivery was cancelled (${row.cancelled_reason ?? 'no reason recorded'}) and is not sent again.`
        : 'This delivery is still pending: its next attempt is already scheduled.',
      'webhook_id',
    );
  }
  const [found] = await withAttempts(db, [row]);
  return found as DeliveryWithAttempts;
}

import type { Queryable } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';

/**
 * Called in the transaction that stores a payment's `CheckoutRequestID`: a callback for it that
 * arrived first found no payment (`unmatched`) and is processed again once this commits. `for
 * update` waits for a callback being processed at this moment and then reads its outcome, so no
 * interleaving loses one.
 */
export async function requeueUnmatchedCallbacks(
  tx: Queryable,
  jobs: Jobs,
  checkoutRequestId: string,
): Promise<number> {
  const rows = await tx.query<{ id: string; outcome: string | null }>(
    'select id, outcome from mpesa_callbacks where checkout_request_id = $1 for update',
    [checkoutRequestId],
  );
  const unmatched = rows.filter((row) => row.outcome === 'unmatched').map((row) => row.id);
  if (unmatched.length === 0) return 0;
  await tx.query(
    'update mpesa_callbacks set processed_at = null, outcome = null where id = any($1)',
    [unmatched],
  );
  await jobs.sendMany(
    queues.callback,
    unmatched.map((callbackId) => ({ data: { callbackId } })),
    { tx },
  );
  return unmatched.length;
}

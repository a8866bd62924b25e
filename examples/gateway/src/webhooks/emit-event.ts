import type { Queryable } from '../db/database.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import { cents, iso, type PaymentRow } from '../payments/payment-row.js';

/**
 * Records a payment event and queues its deliveries — inside the caller's transaction, so the
 * state change, the event and its delivery jobs commit together or not at all. The body is
 * serialised once here; exactly those bytes are signed and sent on every attempt.
 */
export async function emitPaymentEvent(
  tx: Queryable,
  jobs: Jobs,
  payment: PaymentRow,
): Promise<string> {
  const eventId = newId('evt');
  const type = `payment.${payment.status.toLowerCase()}`;
  const body = JSON.stringify({
    id: eventId,
    event: type,
    payment_id: payment.id,
    merchant_id: payment.merchant_id,
    status: payment.status,
    amount_cents: cents(payment.amount_cents),
    currency: payment.currency,
    provider: payment.provider,
    provider_reference: payment.provider_reference,
    receipt: payment.receipt,
    failure_code: payment.failure_code,
    failure_message: payment.failure_message,
    timestamp: iso(payment.updated_at),
    metadata: payment.metadata,
  });
  await tx.query(
    'insert into events (id, merchant_id, type, payment_id, body) values ($1, $2, $3, $4, $5)',
    [eventId, payment.merchant_id, type, payment.id, body],
  );
  const endpoints = await tx.query<{ id: string; url: string }>(
    `select id, url from webhook_endpoints
     where merchant_id = $1 and enabled and ($2 = any(enabled_events) or '*' = any(enabled_events))`,
    [payment.merchant_id, type],
  );
  // One delivery per distinct URL: the registered endpoints, then the payment's callback_url.
  const targets = new Map<string, string | null>();
  for (const endpoint of endpoints) targets.set(endpoint.url, endpoint.id);
  if (payment.callback_url && !targets.has(payment.callback_url))
    targets.set(payment.callback_url, null);
  for (const [url, endpointId] of targets) {
    const deliveryId = newId('wh');
    await tx.query(
      `insert into webhook_deliveries (id, event_id, merchant_id, endpoint_id, url, status, next_attempt_at)
       values ($1, $2, $3, $4, $5, 'PENDING', now())`,
      [deliveryId, eventId, payment.merchant_id, endpointId, url],
    );
    await jobs.send(queues.delivery, { deliveryId }, { tx });
  }
  return eventId;
}

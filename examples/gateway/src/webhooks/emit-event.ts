import type { PaymentEvent } from '@malipo/contract';
import type { Queryable } from '../db/database.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import { insertDelivery, insertEventForEndpoints } from '../stores/events-store.js';
import type { PaymentRow } from '../stores/payments-store.js';
import { cents, iso } from '../stores/rows.js';

/** The payment event for the payment's current status, as receivers get it. */
export function paymentEventBody(eventId: string, payment: PaymentRow): PaymentEvent {
  return {
    id: eventId,
    event: `payment.${payment.status.toLowerCase() as Lowercase<PaymentRow['status']>}`,
    payment_id: payment.id,
    merchant_id: payment.merchant_id,
    status: payment.status,
    amount_cents: cents(payment.amount_cents),
    currency: payment.currency,
    provider: payment.provider,
    provider_reference: payment.provider_reference,
    livemode: payment.mode === 'live',
    receipt: payment.receipt,
    failure_code: payment.failure_code,
    failure_message: payment.failure_message,
    timestamp: iso(payment.updated_at),
    metadata: payment.metadata,
  } satisfies PaymentEvent;
}

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
  const event = paymentEventBody(eventId, payment);
  const scope = { merchantId: payment.merchant_id, mode: payment.mode };
  const endpoints = await insertEventForEndpoints(tx, {
    id: eventId,
    scope,
    type: event.event,
    paymentId: payment.id,
    body: JSON.stringify(event),
  });
  // One delivery per distinct URL: the registered endpoints, then the payment's callback_url.
  const targets = new Map<string, string | null>();
  for (const endpoint of endpoints) targets.set(endpoint.url, endpoint.id);
  if (payment.callback_url && !targets.has(payment.callback_url))
    targets.set(payment.callback_url, null);
  const deliveries: { data: object }[] = [];
  for (const [url, endpointId] of targets) {
    const deliveryId = newId('wh');
    await insertDelivery(tx, {
      id: deliveryId,
      eventId,
      scope,
      endpointId,
      url,
    });
    deliveries.push({ data: { deliveryId, ...scope } });
  }
  await jobs.sendMany(queues.delivery, deliveries, { tx });
  return eventId;
}

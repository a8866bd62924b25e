import type {
  CheckoutSessionEvent,
  PaymentEvent,
  PayoutEvent,
  RefundEvent,
} from '@malipo/contract';
import type { Queryable } from '../db/database.js';
import { newId } from '../ids/ids.js';
import type { CheckoutSessionRow } from '../stores/checkout-sessions-store.js';
import { type EventRecord, insertEvent } from '../stores/events-store.js';
import type { PaymentRow } from '../stores/payments-store.js';
import type { PayoutRow } from '../stores/payouts-store.js';
import type { RefundRow } from '../stores/refunds-store.js';
import { cents, iso, type Scope } from '../stores/rows.js';

/** The event a status change sends; an authorisation sends none (its capture or end does). */
function eventOf(status: PaymentRow['status']): PaymentEvent['event'] {
  if (status === 'AUTHORIZED') throw new Error('an authorisation sends no event');
  return `payment.${status.toLowerCase() as Lowercase<Exclude<PaymentRow['status'], 'AUTHORIZED'>>}`;
}

/** The payment event for the payment's current status (or `event`), as receivers get it. */
export function paymentEventBody(
  eventId: string,
  payment: PaymentRow,
  event: PaymentEvent['event'] = eventOf(payment.status),
): PaymentEvent {
  return {
    id: eventId,
    event,
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

/** The event of a settled payout (`payout.completed` or `payout.failed`). */
export function payoutEventBody(
  eventId: string,
  payout: PayoutRow & { status: 'COMPLETED' | 'FAILED' },
): PayoutEvent {
  return {
    id: eventId,
    event: payout.status === 'COMPLETED' ? 'payout.completed' : 'payout.failed',
    payout_id: payout.id,
    merchant_id: payout.merchant_id,
    status: payout.status,
    amount_cents: cents(payout.amount_cents),
    currency: payout.currency,
    provider_reference: payout.provider_reference,
    phone_number: payout.phone,
    livemode: payout.mode === 'live',
    receipt: payout.receipt,
    failure_code: payout.failure_code,
    failure_message: payout.failure_message,
    timestamp: iso(payout.updated_at),
    metadata: payout.metadata,
  } satisfies PayoutEvent;
}

/** The event of a settled refund (`refund.processed` or `refund.failed`). */
export function refundEventBody(
  eventId: string,
  refund: RefundRow & { status: 'PROCESSED' | 'FAILED' },
): RefundEvent {
  return {
    id: eventId,
    event: refund.status === 'PROCESSED' ? 'refund.processed' : 'refund.failed',
    refund_id: refund.id,
    payment_id: refund.payment_id,
    merchant_id: refund.merchant_id,
    status: refund.status,
    amount_cents: cents(refund.amount_cents),
    currency: refund.currency,
    method: refund.method,
    livemode: refund.mode === 'live',
    receipt: refund.receipt,
    failure_code: refund.failure_code,
    failure_message: refund.failure_message,
    timestamp: iso(refund.updated_at),
    metadata: refund.metadata,
  } satisfies RefundEvent;
}

/** The event of a session that completed or expired. */
export function checkoutSessionEventBody(
  eventId: string,
  session: CheckoutSessionRow & { status: 'COMPLETED' | 'EXPIRED' },
): CheckoutSessionEvent {
  return {
    id: eventId,
    event:
      session.status === 'COMPLETED' ? 'checkout.session.completed' : 'checkout.session.expired',
    session_id: session.id,
    payment_id: session.payment_id,
    merchant_id: session.merchant_id,
    status: session.status,
    amount_cents: cents(session.amount_cents),
    currency: session.currency,
    livemode: session.mode === 'live',
    timestamp: iso(session.updated_at),
    metadata: session.metadata,
  } satisfies CheckoutSessionEvent;
}

/** One event to record and deliver. */
export interface OutgoingEvent {
  scope: Scope;
  /** The payment it concerns (payment and refund events), for the payment's event list. */
  paymentId: string | null;
  /** Also delivered here, beside the registered endpoints (the object's `callback_url`). */
  callbackUrl: string | null;
  body: (eventId: string) => { event: string };
}

/** The row {@link insertEvent} records for `outgoing`, under a new event id. */
export function eventRecord(outgoing: OutgoingEvent): EventRecord {
  const id = newId('evt');
  const body = outgoing.body(id);
  return {
    id,
    scope: outgoing.scope,
    type: body.event,
    paymentId: outgoing.paymentId,
    body: JSON.stringify(body),
    callbackUrl: outgoing.callbackUrl,
  };
}

/**
 * Records an event and its deliveries — inside the caller's transaction, so the state change and
 * the event commit together or not at all; the relay queues the deliveries once committed. The
 * body is serialised once here; exactly those bytes are signed and sent on every attempt.
 */
export async function emitEvent(tx: Queryable, outgoing: OutgoingEvent): Promise<string> {
  const record = eventRecord(outgoing);
  await insertEvent(tx, record);
  return record.id;
}

/** The outgoing event of the payment's current status (or `event`). */
export function paymentEvent(payment: PaymentRow, event?: PaymentEvent['event']): OutgoingEvent {
  return {
    scope: { merchantId: payment.merchant_id, mode: payment.mode },
    paymentId: payment.id,
    callbackUrl: payment.callback_url,
    body: (id) => paymentEventBody(id, payment, event),
  };
}

/**
 * Records the payment's event for its current status (or `event`, e.g. `payment.captured`) and
 * queues its deliveries.
 */
export function emitPaymentEvent(
  tx: Queryable,
  payment: PaymentRow,
  event?: PaymentEvent['event'],
) {
  return emitEvent(tx, paymentEvent(payment, event));
}

/** Records a settled session's event (`checkout.session.completed` or `.expired`). */
export function emitCheckoutSessionEvent(tx: Queryable, session: CheckoutSessionRow) {
  if (session.status === 'OPEN') throw new Error(`session ${session.id} is still open`);
  const settled = session as CheckoutSessionRow & { status: 'COMPLETED' | 'EXPIRED' };
  return emitEvent(tx, {
    scope: { merchantId: session.merchant_id, mode: session.mode },
    paymentId: session.payment_id,
    callbackUrl: null,
    body: (id) => checkoutSessionEventBody(id, settled),
  });
}

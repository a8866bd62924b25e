import type { Payment, PaymentEvent, Payout, PayoutEvent } from '@malipo/contract';
import { parseGatewayEvent } from '@malipo/contract';
import { stableEventId } from '../events/test-ids.js';

const paymentEvents: Record<string, PaymentEvent['event']> = {
  PENDING: 'payment.pending',
  COMPLETED: 'payment.completed',
  FAILED: 'payment.failed',
  CANCELLED: 'payment.cancelled',
  EXPIRED: 'payment.expired',
};

/**
 * The event the gateway sends for a payment in its current state (examples/gateway's
 * `paymentEventBody`), or undefined for a state that sends none (an authorisation). A card
 * authorisation seen `before` and now COMPLETED was captured: `payment.captured`, as the gateway
 * sends. The gateway API lists objects, not event bodies, so the body is rebuilt from the
 * object; its id is stable per object and state rather than the gateway's own event id.
 */
export function paymentEvent(payment: Payment, before?: string): PaymentEvent | undefined {
  const event =
    before === 'AUTHORIZED' && payment.status === 'COMPLETED'
      ? 'payment.captured'
      : paymentEvents[payment.status];
  if (!event) return undefined;
  return parseGatewayEvent({
    id: stableEventId(payment.payment_id, event),
    event,
    payment_id: payment.payment_id,
    merchant_id: payment.merchant_id,
    status: payment.status,
    amount_cents: payment.amount_cents,
    currency: payment.currency,
    provider: payment.provider,
    provider_reference: payment.provider_reference,
    livemode: payment.livemode,
    receipt: payment.receipt ?? null,
    failure_code: payment.failure_code ?? null,
    failure_message: payment.failure_message ?? null,
    timestamp: payment.updated_at,
    metadata: payment.metadata,
  }) as PaymentEvent;
}

/** The event of a settled payout (examples/gateway's `payoutEventBody`); none while pending. */
export function payoutEvent(payout: Payout): PayoutEvent | undefined {
  if (payout.status !== 'COMPLETED' && payout.status !== 'FAILED') return undefined;
  const event = payout.status === 'COMPLETED' ? 'payout.completed' : 'payout.failed';
  return parseGatewayEvent({
    id: stableEventId(payout.payout_id, event),
    event,
    payout_id: payout.payout_id,
    merchant_id: payout.merchant_id,
    status: payout.status,
    amount_cents: payout.amount_cents,
    currency: payout.currency,
    provider_reference: payout.provider_reference ?? null,
    phone_number: payout.recipient.phone_number,
    livemode: payout.livemode,
    receipt: payout.receipt ?? null,
    failure_code: payout.failure_code ?? null,
    failure_message: payout.failure_message ?? null,
    timestamp: payout.updated_at,
    metadata: payout.metadata,
  }) as PayoutEvent;
}

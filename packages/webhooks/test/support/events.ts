/** A well-formed gateway `payment.completed` event, as the Malipo gateway sends it. */
export function paymentCompletedEvent(id = `evt_${crypto.randomUUID()}`) {
  return {
    id,
    event: 'payment.completed',
    payment_id: 'pay_1',
    merchant_id: 'mer_1',
    status: 'COMPLETED',
    amount_cents: 250_000,
    currency: 'KES',
    provider: 'mpesa',
    provider_reference: 'RKL1234ABC',
    timestamp: '2026-11-24T10:00:00.000Z',
    metadata: {},
  };
}

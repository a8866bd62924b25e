import type { Payment } from '@malipo/contract';

let counter = 0;

/**
 * A payment as the gateway records it, for tests that answer as the gateway. Free of msw, so
 * tests against a real loopback server can use it too.
 */
export function paymentRecord(overrides: Partial<Payment> = {}): Payment {
  return {
    payment_id: `pay_${++counter}`,
    merchant_id: 'mer_1',
    status: 'PENDING',
    amount_cents: 10_000,
    amount_captured_cents: 0,
    amount_refunded_cents: 0,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    provider_reference: null,
    metadata: {},
    created_at: '2026-11-24T10:00:00.000Z',
    updated_at: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

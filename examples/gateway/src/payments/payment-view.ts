import type { CreatePaymentResponse, Payment } from '@malipo/contract';
import type { PaymentRow } from '../stores/payments-store.js';
import { cents, iso } from '../stores/rows.js';

/** The payment as the API reports it. */
export function paymentView(row: PaymentRow) {
  return {
    payment_id: row.id,
    merchant_id: row.merchant_id,
    livemode: row.mode === 'live',
    status: row.status,
    amount_cents: cents(row.amount_cents),
    amount_captured_cents: cents(row.amount_captured_cents),
    amount_refunded_cents: cents(row.amount_refunded_cents),
    currency: row.currency,
    provider: row.provider,
    provider_reference: row.provider_reference,
    receipt: row.receipt,
    failure_code: row.failure_code,
    failure_message: row.failure_message,
    flagged_reason: row.flagged_reason,
    card:
      row.card_last4 === null
        ? null
        : {
            brand: row.card_brand ?? 'unknown',
            last4: row.card_last4,
            exp_month: row.card_exp_month ?? 0,
            exp_year: row.card_exp_year ?? 0,
          },
    metadata: row.metadata,
    callback_url: row.callback_url,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  } satisfies Payment;
}

/** The short answer to a create (the hosted-gateway integration guide's shape). */
export function createdPaymentView(row: PaymentRow) {
  return {
    success: true as const,
    payment_id: row.id,
    status: row.status,
    provider_reference: row.provider_reference,
    livemode: row.mode === 'live',
    created_at: iso(row.created_at),
  } satisfies CreatePaymentResponse;
}

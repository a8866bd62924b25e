import type { Refund } from '@malipo/contract';
import type { RefundRow } from '../stores/refunds-store.js';
import { cents, iso } from '../stores/rows.js';

/** The refund as the API reports it. */
export function refundView(row: RefundRow) {
  return {
    refund_id: row.id,
    payment_id: row.payment_id,
    livemode: row.mode === 'live',
    status: row.status,
    method: row.method,
    amount_cents: cents(row.amount_cents),
    currency: row.currency,
    reason: row.reason,
    provider_reference: row.provider_reference,
    receipt: row.receipt,
    failure_code: row.failure_code,
    failure_message: row.failure_message,
    metadata: row.metadata,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  } satisfies Refund;
}

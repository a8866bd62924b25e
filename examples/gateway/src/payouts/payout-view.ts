import type { Payout } from '@malipo/contract';
import type { PayoutRow } from '../stores/payouts-store.js';
import { cents, iso } from '../stores/rows.js';

/** The payout as the API reports it. */
export function payoutView(row: PayoutRow) {
  return {
    payout_id: row.id,
    merchant_id: row.merchant_id,
    livemode: row.mode === 'live',
    status: row.status,
    amount_cents: cents(row.amount_cents),
    currency: row.currency,
    provider: 'MPESA_SAFARICOM',
    provider_reference: row.provider_reference,
    recipient: { phone_number: row.phone, name: row.recipient_name },
    receipt: row.receipt,
    failure_code: row.failure_code,
    failure_message: row.failure_message,
    metadata: row.metadata,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  } satisfies Payout;
}

import type { CheckoutSession } from '@malipo/contract';
import type { CheckoutSessionRow } from '../stores/checkout-sessions-store.js';
import { cents, iso } from '../stores/rows.js';

/** The hosted page of a session. */
export const checkoutPageUrl = (publicUrl: string, sessionId: string) =>
  `${publicUrl}/checkout/${sessionId}`;

/** The session as the API reports it. */
export function checkoutSessionView(row: CheckoutSessionRow, publicUrl: string) {
  return {
    success: true as const,
    session_id: row.id,
    status: row.status,
    url: checkoutPageUrl(publicUrl, row.id),
    amount_cents: cents(row.amount_cents),
    currency: row.currency,
    description: row.description,
    payment_id: row.payment_id,
    success_url: row.success_url,
    cancel_url: row.cancel_url,
    failure_url: row.failure_url ?? row.cancel_url,
    allowed_origins: row.allowed_origins,
    locale: row.locale,
    livemode: row.mode === 'live',
    metadata: row.metadata,
    expires_at: iso(row.expires_at),
    created_at: iso(row.created_at),
  } satisfies CheckoutSession;
}

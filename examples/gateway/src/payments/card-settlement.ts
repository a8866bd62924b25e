import type { Queryable } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { BuniCharge } from '../providers/buni/buni-client.js';
import { type PaymentRow, storeProviderReference } from '../stores/payments-store.js';
import { type SettlementReason, settlePayment } from './state-machine.js';

const declineMessages: Record<string, string> = {
  card_declined: 'The card was declined by its bank.',
  insufficient_funds: 'The card has insufficient funds.',
};

/**
 * Settles a card payment by what BUNI says of its charge: succeeded → COMPLETED (captured in
 * full), declined → FAILED with the decline code. The charge id becomes the provider reference
 * and the receipt. Compare-and-set like every settlement: a second answer changes nothing.
 */
export async function settleCardCharge(
  tx: Queryable,
  jobs: Jobs,
  paymentId: string,
  charge: BuniCharge,
  reason: SettlementReason,
): Promise<PaymentRow | undefined> {
  await storeProviderReference(tx, paymentId, charge.id, null);
  const paid = charge.status === 'succeeded';
  const code = charge.decline_code ?? 'card_declined';
  return settlePayment(tx, jobs, paymentId, {
    to: paid ? 'COMPLETED' : 'FAILED',
    reason,
    receipt: paid ? charge.id : undefined,
    failureCode: paid ? undefined : code,
    failureMessage: paid ? undefined : (declineMessages[code] ?? 'The card payment was declined.'),
    data: { charge: charge.id, status: charge.status, decline_code: charge.decline_code },
  });
}

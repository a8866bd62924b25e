import type { Queryable } from '../db/database.js';
import type { BuniCharge } from '../providers/buni/buni-client.js';
import {
  authorizePendingPayment,
  insertTransition,
  type PaymentRow,
  storeProviderReference,
} from '../stores/payments-store.js';
import { type SettlementReason, settlePayment } from './state-machine.js';

const declineMessages: Record<string, string> = {
  card_declined: 'The card was declined by its bank.',
  insufficient_funds: 'The card has insufficient funds.',
};

/**
 * Settles a card payment by what BUNI says of its charge: succeeded → COMPLETED (captured in
 * full), authorized → AUTHORIZED (held for `holdSeconds`), declined → FAILED with the decline
 * code. The charge id becomes the provider reference
 * and the receipt. Compare-and-set like every settlement: a second answer changes nothing.
 */
export async function settleCardCharge(
  tx: Queryable,
  paymentId: string,
  charge: BuniCharge,
  reason: SettlementReason,
  holdSeconds: number,
): Promise<PaymentRow | undefined> {
  await storeProviderReference(tx, paymentId, charge.id, null);
  if (charge.status === 'authorized') {
    // A hold, not money yet: no event until it is captured, voided or expires.
    const held = await authorizePendingPayment(tx, paymentId, holdSeconds);
    if (held) {
      await insertTransition(tx, {
        paymentId,
        from: 'PENDING',
        to: 'AUTHORIZED',
        reason,
        data: { charge: charge.id },
      });
    }
    return held;
  }
  const paid = charge.status === 'succeeded';
  const code = charge.decline_code ?? 'card_declined';
  return settlePayment(tx, paymentId, {
    to: paid ? 'COMPLETED' : 'FAILED',
    reason,
    receipt: paid ? charge.id : undefined,
    failureCode: paid ? undefined : code,
    failureMessage: paid ? undefined : (declineMessages[code] ?? 'The card payment was declined.'),
    data: { charge: charge.id, status: charge.status, decline_code: charge.decline_code },
  });
}

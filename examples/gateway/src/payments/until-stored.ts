import type { PaymentRow } from '../stores/payments-store.js';
import type { CreatePaymentOutcome } from './create-payment.js';

/** What a create has before its provider is asked: its PENDING payment, or an earlier attempt's. */
export type PendingPayment =
  /** Committed and tied to the key: the provider is asked next. */
  | { kind: 'stored'; payment: PaymentRow }
  /** An earlier, interrupted attempt with this key left it: nothing more is sent. */
  | { kind: 'recovered'; outcome: CreatePaymentOutcome };

/**
 * Runs what comes before a Daraja request; should it fail, or end without a request to send
 * (a recovered payment), the merchant's share is given back: only what reaches Daraja counts
 * (a bad callback URL, a key another request holds, a replay).
 */
export async function untilStored(
  giveBack: () => void,
  store: () => Promise<PendingPayment>,
): Promise<PendingPayment> {
  try {
    const stored = await store();
    if (stored.kind === 'recovered') giveBack();
    return stored;
  } catch (error) {
    giveBack();
    throw error;
  }
}

import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { retrievePayment } from '../payments/payments.js';
import { listPaymentRefunds, type RefundRow } from '../stores/refunds-store.js';
import type { After } from '../stores/rows.js';
import { findTransfer } from '../stores/transfers-store.js';

const refundIdPattern = /^re_[a-z0-9]{20}$/;

/** The merchant's refund, or `NOT_FOUND`. */
export async function retrieveRefund(
  db: Database,
  merchant: AuthenticatedMerchant,
  id: string,
): Promise<RefundRow> {
  const row = refundIdPattern.test(id)
    ? await findTransfer(db, 'refunds', id, { scope: merchant })
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No refund ${id.slice(0, 64)}.`, 'refund_id');
  return row;
}

/** One page of a payment's refunds, newest first (`limit + 1` rows); `NOT_FOUND` for another's. */
export async function listRefundsOfPayment(
  db: Database,
  merchant: AuthenticatedMerchant,
  paymentId: string,
  after: After | undefined,
  limit: number,
) {
  const payment = await retrievePayment({ db }, merchant, paymentId);
  return listPaymentRefunds(db, payment.id, after, limit);
}

import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { listPayouts, type PayoutRow } from '../stores/payouts-store.js';
import type { After } from '../stores/rows.js';
import { findTransfer } from '../stores/transfers-store.js';

const payoutIdPattern = /^po_[a-z0-9]{20}$/;

/** The merchant's payout, or `NOT_FOUND`. */
export async function retrievePayout(
  db: Database,
  merchant: AuthenticatedMerchant,
  id: string,
): Promise<PayoutRow> {
  const row = payoutIdPattern.test(id)
    ? await findTransfer(db, 'payouts', id, { scope: merchant })
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No payout ${id.slice(0, 64)}.`, 'payout_id');
  return row;
}

/** One page of the merchant's payouts, newest first (`limit + 1` rows). */
export function listMerchantPayouts(
  db: Database,
  merchant: AuthenticatedMerchant,
  status: string | undefined,
  after: After | undefined,
  limit: number,
) {
  return listPayouts(db, merchant, status, after, limit);
}

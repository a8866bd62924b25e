import type { Queryable } from '../db/database.js';
import type { Scope } from './rows.js';

/**
 * What a merchant has to pay out from in one currency, in its minor units: completed payments'
 * captured amounts less their refunds, less payouts not failed. Other currencies never count
 * (a card payment of 1,000 USD is not 1,000 KES). Call with the merchant's row locked
 * ({@link lockMerchantLedger}) so concurrent payouts see each other.
 */
export async function merchantAvailableCents(
  tx: Queryable,
  scope: Scope,
  currency: string,
): Promise<bigint> {
  const rows = await tx.query<{ available: string | number | bigint }>(
    `select
       coalesce((select sum(amount_captured_cents - amount_refunded_cents) from payments
                 where merchant_id = $1 and mode = $2 and currency = $3 and status = 'COMPLETED'), 0)
     - coalesce((select sum(amount_cents) from payouts
                 where merchant_id = $1 and mode = $2 and currency = $3 and status <> 'FAILED'), 0) as available`,
    [scope.merchantId, scope.mode, currency],
  );
  return BigInt(rows[0]?.available ?? 0);
}

/** Money sent to M-Pesa and not settled yet (payouts and M-Pesa refunds, never card refunds), in cents. */
export async function pendingOutflowCents(
  db: Queryable,
  scope: Scope | { mode: Scope['mode']; merchantId?: undefined },
): Promise<bigint> {
  const rows = await db.query<{ pending: string | number | bigint }>(
    `select
       coalesce((select sum(amount_cents) from payouts
                 where ($1::text is null or merchant_id = $1) and mode = $2 and status = 'PENDING'), 0)
     + coalesce((select sum(amount_cents) from refunds
                 where ($1::text is null or merchant_id = $1) and mode = $2 and status = 'PENDING'
                   and method <> 'CARD_REFUND'), 0) as pending`,
    [scope.merchantId ?? null, scope.mode],
  );
  return BigInt(rows[0]?.pending ?? 0);
}

/**
 * Serialises a merchant's payouts: the merchant row stays locked to the end of the transaction,
 * so two payouts never both spend the same balance. `for no key update`, not `for update`: rows
 * that reference the merchant (a result's transition and event, a new payment) can still be
 * written meanwhile; with `for update` a result holding the balance report and waiting to
 * reference the merchant deadlocked a payout holding the merchant and waiting for the report.
 */
export async function lockMerchantLedger(tx: Queryable, merchantId: string): Promise<void> {
  await tx.query('select id from merchants where id = $1 for no key update', [merchantId]);
}

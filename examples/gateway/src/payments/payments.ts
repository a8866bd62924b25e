import { isDarajaError } from '@malipo/daraja';
import { DomainError } from '../errors/domain-error.js';
import { QueryBudgetFullError } from '../mpesa/query-budget.js';
import { safeErrorText } from '../mpesa/safe-error-text.js';
import {
  findMerchantPayment,
  listPayments,
  listTransitions,
  type PaymentFilters,
  type PaymentRow,
  searchPayments,
} from '../stores/payments-store.js';
import type { After, Scope } from '../stores/rows.js';
import { type QueryDeps, queryPayment } from './reconcile.js';

const paymentIdPattern = /^pay_[a-z0-9]{20}$/;

/** The merchant's payment, or `NOT_FOUND`. */
export async function retrievePayment(
  deps: Pick<QueryDeps, 'db'>,
  merchant: Scope,
  id: string,
): Promise<PaymentRow> {
  const row = paymentIdPattern.test(id)
    ? await findMerchantPayment(deps.db, merchant, id)
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', `No payment ${id.slice(0, 64)}.`, 'payment_id');
  return row;
}

/** One page of the merchant's payments, newest first (`limit + 1` rows). */
export function listMerchantPayments(
  deps: Pick<QueryDeps, 'db'>,
  merchant: Scope,
  filters: PaymentFilters,
  after: After | undefined,
  limit: number,
) {
  return listPayments(deps.db, merchant, filters, after, limit);
}

/** The dashboard's payment search (status, and id, receipt or phone), newest first. */
export function searchMerchantPayments(
  deps: Pick<QueryDeps, 'db'>,
  merchant: Scope,
  filters: { status?: string | undefined; term?: string | undefined },
  after: After | undefined,
  limit: number,
) {
  return searchPayments(deps.db, merchant, filters, after, limit);
}

/** The merchant's payment with its audit trail (every transition, oldest first). */
export async function paymentTimeline(deps: Pick<QueryDeps, 'db'>, merchant: Scope, id: string) {
  const payment = await retrievePayment(deps, merchant, id);
  return { payment, transitions: await listTransitions(deps.db, payment.id) };
}

/** The manual STK query: settles the payment if M-Pesa knows its outcome. */
export async function queryMerchantPayment(
  deps: QueryDeps,
  merchant: Scope,
  id: string,
  signal?: AbortSignal,
): Promise<PaymentRow> {
  const row = await retrievePayment(deps, merchant, id);
  const mpesa = deps.mpesa.forMode(merchant.mode);
  try {
    return (
      (await queryPayment(deps, row.id, 'query', {
        signal,
        beforeRequest: async () => {
          await mpesa.takeMerchantShare(merchant);
        },
      })) ?? row
    );
  } catch (error) {
    if (error instanceof QueryBudgetFullError) {
      throw new DomainError(
        'RATE_LIMITED',
        'Too many M-Pesa queries are waiting: retry in a minute.',
        undefined,
        60,
      );
    }
    if (isDarajaError(error)) {
      throw new DomainError(
        'PROVIDER_ERROR',
        `M-Pesa could not answer the query: ${safeErrorText(error)}`,
      );
    }
    throw error;
  }
}

import { isDarajaError } from '@malipo/daraja';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import { QueryBudgetFullError } from '../mpesa/query-budget.js';
import type { ProviderName } from '../providers/breakers.js';
import type { BuniModes } from '../providers/buni/buni.js';
import { BuniUnavailableError } from '../providers/buni/buni-client.js';
import {
  findPayment,
  type PaymentRow,
  pendingForReconciliation,
} from '../stores/payments-store.js';
import { settleCardCharge } from './card-settlement.js';
import { paymentProviders } from './payment-providers.js';
import { settlePayment, statusForStk } from './state-machine.js';

export interface QueryDeps {
  db: Database;
  jobs: Jobs;
  mpesa: MpesaModes;
  buni: BuniModes;
}

/**
 * Asks the payment's provider about one pending payment and settles it when the provider knows
 * the outcome (M-Pesa: an STK query; BUNI: the charge by the payment id). "Still processing"
 * leaves it pending. Used by the early polls, the manual `query` endpoint and reconciliation.
 * Returns the payment as it stands; the provider's own failures are thrown (`DarajaError`,
 * `BuniUnavailableError`).
 */
export async function queryPayment(
  deps: QueryDeps,
  paymentId: string,
  reason: 'query' | 'poll' | 'reconciliation',
  options: QueryOptions = {},
): Promise<PaymentRow | undefined> {
  const payment = await findPayment(deps.db, paymentId);
  if (payment?.status !== 'PENDING' || payment.flagged_reason) return payment;
  const provider = paymentProviders[payment.provider as ProviderName];
  return provider ? provider.query(deps, payment, reason, options) : payment;
}

/** Options of a provider query. */
export interface QueryOptions {
  /** Cancels the query while it waits for a slot of the Daraja budget (its caller left). */
  signal?: AbortSignal | undefined;
  /** Runs just before the provider is asked (the merchant's share of the budget). */
  beforeRequest?: (() => Promise<void>) | undefined;
}

/** M-Pesa's query: an STK query of a pushed payment (one never pushed has nothing to ask). */
export async function queryStkPayment(
  deps: QueryDeps,
  payment: PaymentRow,
  reason: 'query' | 'poll' | 'reconciliation',
  options: QueryOptions,
): Promise<PaymentRow | undefined> {
  const paymentId = payment.id;
  if (!payment.provider_reference) return payment;
  await options.beforeRequest?.();
  const mpesa = deps.mpesa.forMode(payment.mode);
  await mpesa.waitForQuerySlot(options.signal);
  const result = await mpesa.daraja.stkQuery({
    checkoutRequestId: payment.provider_reference,
    signal: options.signal,
  });
  if (result.status === 'pending') return payment;
  const settled = await deps.db.transaction((tx) =>
    settlePayment(tx, paymentId, {
      to: statusForStk[result.status],
      reason,
      failureCode: result.code,
      failureMessage: result.customerMessage,
      data: { resultCode: result.code, description: result.description },
    }),
  );
  return settled ?? (await findPayment(deps.db, paymentId));
}

/**
 * Asks BUNI for the charge of a card payment whose fate was unknown (BUNI down or slow when it
 * was made); charges are keyed by the payment id, so this is the one question to ask.
 */
export async function queryCardPayment(
  deps: QueryDeps,
  payment: PaymentRow,
  reason: 'query' | 'poll' | 'reconciliation',
): Promise<PaymentRow | undefined> {
  const charge = await deps.buni.forMode(payment.mode).findCharge(payment.id);
  if (!charge) return payment;
  const settled = await deps.db.transaction((tx) =>
    settleCardCharge(tx, payment.id, charge, reason, deps.buni.authorizationSeconds),
  );
  return settled ?? (await findPayment(deps.db, payment.id));
}

/**
 * The reconciliation sweep: payments pending longer than `afterSeconds` are queried; those older
 * than `expireAfterSeconds` that Daraja still cannot settle expire. Payments flagged for review
 * are left alone. Returns how many it settled.
 */
export async function reconcile(
  deps: QueryDeps,
  options: { afterSeconds: number; expireAfterSeconds: number; limit?: number },
): Promise<number> {
  const due = await pendingForReconciliation(deps.db, {
    afterSeconds: options.afterSeconds,
    expireAfterSeconds: options.expireAfterSeconds,
    limit: options.limit ?? 100,
  });
  let settled = 0;
  for (const row of due) {
    let payment: PaymentRow | undefined;
    try {
      const askable = row.reference !== null || row.provider === 'BUNI';
      payment = askable ? await queryPayment(deps, row.id, 'reconciliation') : undefined;
    } catch (error) {
      // The provider failed or the query budget is full: try this one again on the next sweep.
      if (
        !isDarajaError(error) &&
        !(error instanceof QueryBudgetFullError) &&
        !(error instanceof BuniUnavailableError)
      ) {
        throw error;
      }
    }
    if (payment && payment.status !== 'PENDING') {
      settled++;
      continue;
    }
    if (row.expired) {
      const expired = await deps.db.transaction((tx) =>
        settlePayment(
          tx,
          row.id,
          row.provider === 'BUNI'
            ? {
                // BUNI still has no charge for it (charges are keyed by the payment id).
                to: 'FAILED',
                reason: 'reconciliation_timeout',
                failureCode: 'PROVIDER_UNAVAILABLE',
                failureMessage: 'BUNI never made the charge; start a new payment.',
              }
            : {
                to: row.reference ? 'EXPIRED' : 'FAILED',
                reason: 'reconciliation_timeout',
                failureCode: row.reference ? 'EXPIRED' : 'INITIATION_INTERRUPTED',
                failureMessage: row.reference
                  ? 'No answer from M-Pesa in time; the payment request expired.'
                  : 'The payment request never reached M-Pesa; start a new payment.',
              },
        ),
      );
      if (expired) settled++;
    }
  }
  return settled;
}

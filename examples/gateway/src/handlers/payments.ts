import { errorBody } from '../http/error-body.js';
import type { RouteHandlers } from '../http/route-types.js';
import { dateFilter, decodeCursor, toPage } from '../pagination/cursor.js';
import { captureCardPayment, voidCardPayment } from '../payments/card-authorisation.js';
import { createPayment } from '../payments/create-payment.js';
import { createdPaymentView, paymentView } from '../payments/payment-view.js';
import {
  listMerchantPayments,
  queryMerchantPayment,
  retrievePayment,
} from '../payments/payments.js';
import type { HandlerDeps } from './deps.js';

/** Create, retrieve, list and query payments. */
export function paymentHandlers(
  deps: HandlerDeps,
): Pick<
  RouteHandlers,
  | 'createPayment'
  | 'retrievePayment'
  | 'listPayments'
  | 'queryPayment'
  | 'capturePayment'
  | 'voidPayment'
> {
  return {
    async createPayment({ merchant, body, idempotency }) {
      const outcome = await createPayment(deps, merchant, body, idempotency);
      // Committed by now (an idempotent replay never gets here): count it once.
      deps.metrics?.paymentsCreated.inc({
        provider: outcome.payment.provider,
        status: outcome.payment.status,
      });
      if (outcome.kind === 'created') return { body: createdPaymentView(outcome.payment) };
      // The payment exists (FAILED): the answer names it so the caller can look it up.
      const failed = errorBody('PROVIDER_ERROR', outcome.message);
      return {
        status: 502,
        body: { ...failed, error: { ...failed.error, payment_id: outcome.payment.id } },
      };
    },

    async retrievePayment({ merchant, params }) {
      const row = await retrievePayment(deps, merchant, params.payment_id);
      return { body: { success: true, ...paymentView(row) } };
    },

    async listPayments({ merchant, query }) {
      const limit = query.limit ?? 20;
      const rows = await listMerchantPayments(
        deps,
        merchant,
        {
          status: query.status,
          provider: query.provider,
          createdFrom: dateFilter(query.created_from, 'created_from'),
          createdTo: dateFilter(query.created_to, 'created_to'),
        },
        decodeCursor(query.cursor),
        limit,
      );
      return { body: toPage(rows, limit, (page) => page.map(paymentView)) };
    },

    async queryPayment({ merchant, params, signal }) {
      const row = await queryMerchantPayment(deps, merchant, params.payment_id, signal);
      return { body: { success: true, ...paymentView(row) } };
    },

    async capturePayment({ merchant, params, body }) {
      const row = await captureCardPayment(deps, merchant, params.payment_id, body.amount_cents);
      return { body: { success: true, ...paymentView(row) } };
    },

    async voidPayment({ merchant, params }) {
      const row = await voidCardPayment(deps, merchant, params.payment_id);
      return { body: { success: true, ...paymentView(row) } };
    },
  };
}

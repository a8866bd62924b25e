import { DomainError } from '../errors/domain-error.js';
import { errorBody } from '../http/error-body.js';
import type { RouteHandlers } from '../http/route-types.js';
import { dateFilter, decodeCursor, toPage } from '../pagination/cursor.js';
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
  'createPayment' | 'retrievePayment' | 'listPayments' | 'queryPayment' | 'capturePayment'
> {
  return {
    async createPayment({ merchant, body, idempotency }) {
      const outcome = await createPayment(deps, merchant, body, idempotency);
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

    async capturePayment({ merchant, params }) {
      const row = await retrievePayment(deps, merchant, params.payment_id);
      if (row.provider === 'BUNI') {
        throw new DomainError(
          'INVALID_STATE',
          `Card payments on this gateway are captured when charged (authorise now, capture later is not available yet): this one is ${row.status}${row.status === 'COMPLETED' ? ', captured in full' : ''}.`,
          'payment_id',
        );
      }
      // Only card authorisations are captured later; M-Pesa has no authorise-then-capture.
      throw new DomainError(
        'INVALID_STATE',
        row.status === 'COMPLETED'
          ? `M-Pesa payments are captured when the customer pays: this one is COMPLETED and already captured (amount_captured_cents ${row.amount_captured_cents}). There is nothing to capture.`
          : `M-Pesa payments are captured when the customer pays, never separately: this one is ${row.status}${row.status === 'PENDING' ? ' and is captured if the customer pays' : ', so nothing was paid to capture'}.`,
        'payment_id',
      );
    },
  };
}

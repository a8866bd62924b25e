import { retrieveBalance } from '../balance/balance.js';
import { errorBody } from '../http/error-body.js';
import type { RouteHandlers } from '../http/route-types.js';
import { decodeCursor, toPage } from '../pagination/cursor.js';
import { createPayout } from '../payouts/create-payout.js';
import { payoutView } from '../payouts/payout-view.js';
import { listMerchantPayouts, retrievePayout } from '../payouts/payouts.js';
import { createRefund } from '../refunds/create-refund.js';
import { refundView } from '../refunds/refund-view.js';
import { listRefundsOfPayment, retrieveRefund } from '../refunds/refunds.js';
import type { HandlerDeps } from './deps.js';

type MoneyOutRoutes =
  | 'createPayout'
  | 'retrievePayout'
  | 'listPayouts'
  | 'createRefund'
  | 'retrieveRefund'
  | 'listRefunds'
  | 'retrieveBalance';

/** Payouts, refunds and the balance: money going out. */
export function moneyOutHandlers(deps: HandlerDeps): Pick<RouteHandlers, MoneyOutRoutes> {
  return {
    async createPayout({ merchant, body, idempotency }) {
      const sent = await createPayout(deps, merchant, body, idempotency);
      if (sent.kind === 'refused') {
        // M-Pesa refused it outright: the answer names the payout so it can be looked up.
        const failed = errorBody('PROVIDER_ERROR', sent.message);
        return {
          status: 502,
          body: { ...failed, error: { ...failed.error, payout_id: sent.row.id } },
        };
      }
      return { body: { success: true, ...payoutView(sent.row) } };
    },

    async retrievePayout({ merchant, params }) {
      const row = await retrievePayout(deps.db, merchant, params.payout_id);
      return { body: { success: true, ...payoutView(row) } };
    },

    async listPayouts({ merchant, query }) {
      const limit = query.limit ?? 20;
      const rows = await listMerchantPayouts(
        deps.db,
        merchant,
        query.status,
        decodeCursor(query.cursor),
        limit,
      );
      return { body: toPage(rows, limit, (page) => page.map(payoutView)) };
    },

    async createRefund({ merchant, params, body, idempotency }) {
      const sent = await createRefund(deps, merchant, params.payment_id, body, idempotency);
      if (sent.kind === 'refused') {
        const failed = errorBody('PROVIDER_ERROR', sent.message);
        return {
          status: 502,
          body: { ...failed, error: { ...failed.error, refund_id: sent.row.id } },
        };
      }
      return { body: { success: true, ...refundView(sent.row) } };
    },

    async retrieveRefund({ merchant, params }) {
      const row = await retrieveRefund(deps.db, merchant, params.refund_id);
      return { body: { success: true, ...refundView(row) } };
    },

    async listRefunds({ merchant, params, query }) {
      const limit = query.limit ?? 20;
      const rows = await listRefundsOfPayment(
        deps.db,
        merchant,
        params.payment_id,
        decodeCursor(query.cursor),
        limit,
      );
      return { body: toPage(rows, limit, (page) => page.map(refundView)) };
    },

    async retrieveBalance({ merchant }) {
      return { body: await retrieveBalance(deps, merchant) };
    },
  };
}

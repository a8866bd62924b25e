import {
  type CreatePayoutRequest,
  type ListPayoutsQuery,
  type Payout,
  routes,
} from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** M-Pesa B2C payouts. */
export class Payouts extends Resource {
  create(body: CreatePayoutRequest, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.request(routes.createPayout, { ...options, body });
  }
  retrieve(payoutId: string, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.request(routes.retrievePayout, { ...options, params: { payout_id: payoutId } });
  }
  /** Lists payouts newest first; `await` for a page or `for await` over every payout. */
  list(query: ListPayoutsQuery = {}, options?: RequestOptions): PagePromise<Payout> {
    return this.paginate(routes.listPayouts, { ...options, query });
  }
}

import type { CreatePayoutRequest, ListPayoutsQuery, Payout } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** M-Pesa B2C payouts. */
export class Payouts extends Resource {
  /**
   * Sends money to a phone number (M-Pesa B2C). An idempotency key is attached (or yours is
   * used) and reused across retries, so one call makes at most one payout.
   */
  create(body: CreatePayoutRequest, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.request('createPayout', { ...options, body });
  }
  /** Retrieves a payout as the gateway last recorded it. */
  retrieve(payoutId: string, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.request('retrievePayout', { ...options, params: { payout_id: payoutId } });
  }
  /** Lists payouts newest first; `await` for a page or `for await` over every payout. */
  list(query: ListPayoutsQuery = {}, options?: RequestOptions): PagePromise<Payout> {
    return this.paginate('listPayouts', { ...options, query });
  }
}

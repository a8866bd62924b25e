import type { ListRefundsQuery, Refund } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import type { PagePromise } from '../pagination/page.js';
import { Resource } from './resource.js';

/** Refunds (create one with `payments.refund`). */
export class Refunds extends Resource {
  /** Retrieves a refund as the gateway last recorded it. */
  retrieve(refundId: string, options?: RequestOptions): Promise<WithResponse<Refund>> {
    return this.request('retrieveRefund', { ...options, params: { refund_id: refundId } });
  }
  /** Lists one payment's refunds newest first; `await` for a page or `for await` over all. */
  list(
    paymentId: string,
    query: ListRefundsQuery = {},
    options?: RequestOptions,
  ): PagePromise<Refund> {
    return this.paginate('listRefunds', {
      ...options,
      params: { payment_id: paymentId },
      query,
    });
  }
}

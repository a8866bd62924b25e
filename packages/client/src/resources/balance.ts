import type { BalanceResponse } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import { Resource } from './resource.js';

/** What you can pay out, and the M-Pesa account balance. */
export class Balance extends Resource {
  /** Retrieves what you can pay out now, what is still pending, and the M-Pesa account balance. */
  retrieve(options?: RequestOptions): Promise<WithResponse<BalanceResponse>> {
    return this.request('retrieveBalance', options);
  }
}

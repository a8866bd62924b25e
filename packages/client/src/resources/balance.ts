import { type BalanceResponse, routes } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import { Resource } from './resource.js';

/** What you can pay out, and the M-Pesa account balance. */
export class Balance extends Resource {
  retrieve(options?: RequestOptions): Promise<WithResponse<BalanceResponse>> {
    return this.request(routes.retrieveBalance, options);
  }
}

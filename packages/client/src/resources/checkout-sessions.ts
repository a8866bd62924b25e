import type { CheckoutSession, CreateCheckoutSessionRequest } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import { Resource } from './resource.js';

/** Hosted checkout sessions; open `session.url` with `@malipo/client/checkout`. */
export class CheckoutSessions extends Resource {
  /** Creates a hosted checkout session; open its `url` in the browser to take the payment. */
  create(
    body: CreateCheckoutSessionRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<CheckoutSession>> {
    return this.request('createCheckoutSession', { ...options, body });
  }
  /** Retrieves a session; its `payment_id` is set once the customer paid. */
  retrieve(sessionId: string, options?: RequestOptions): Promise<WithResponse<CheckoutSession>> {
    return this.request('retrieveCheckoutSession', {
      ...options,
      params: { session_id: sessionId },
    });
  }
}

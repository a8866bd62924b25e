import { type CheckoutSession, type CreateCheckoutSessionRequest, routes } from '@malipo/contract';
import type { RequestOptions, WithResponse } from '../http/request.js';
import { Resource } from './resource.js';

/** Hosted checkout sessions; open `session.url` with `@malipo/client/checkout`. */
export class CheckoutSessions extends Resource {
  create(
    body: CreateCheckoutSessionRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<CheckoutSession>> {
    return this.request(routes.createCheckoutSession, { ...options, body });
  }
  retrieve(sessionId: string, options?: RequestOptions): Promise<WithResponse<CheckoutSession>> {
    return this.request(routes.retrieveCheckoutSession, {
      ...options,
      params: { session_id: sessionId },
    });
  }
}

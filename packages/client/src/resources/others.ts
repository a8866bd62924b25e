import {
  type BalanceResponse,
  type CheckoutSession,
  type CreateCheckoutSessionRequest,
  type CreatePayoutRequest,
  type CreateWebhookEndpointRequest,
  type JobStatus,
  type ListPayoutsQuery,
  type ListRefundsQuery,
  type ListWebhookDeliveriesQuery,
  type ListWebhookEndpointsQuery,
  type Payout,
  type Refund,
  routes,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@malipo/contract';
import type { Call, RequestOptions, WithResponse } from '../http/request.js';
import { PagePromise } from '../pagination/page.js';

/** Refunds (create one with `payments.refund`). */
export class Refunds {
  constructor(readonly call: Call) {}
  retrieve(refundId: string, options?: RequestOptions): Promise<WithResponse<Refund>> {
    return this.call(routes.retrieveRefund, { ...options, params: { refund_id: refundId } });
  }
  /** Lists one payment's refunds newest first; `await` for a page or `for await` over all. */
  list(
    paymentId: string,
    query: ListRefundsQuery = {},
    options?: RequestOptions,
  ): PagePromise<Refund> {
    return new PagePromise((cursor) =>
      this.call(routes.listRefunds, {
        ...options,
        params: { payment_id: paymentId },
        query: { ...query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
}

/** M-Pesa B2C payouts. */
export class Payouts {
  constructor(readonly call: Call) {}
  create(body: CreatePayoutRequest, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.call(routes.createPayout, { ...options, body });
  }
  retrieve(payoutId: string, options?: RequestOptions): Promise<WithResponse<Payout>> {
    return this.call(routes.retrievePayout, { ...options, params: { payout_id: payoutId } });
  }
  /** Lists payouts newest first; `await` for a page or `for await` over every payout. */
  list(query: ListPayoutsQuery = {}, options?: RequestOptions): PagePromise<Payout> {
    return new PagePromise((cursor) =>
      this.call(routes.listPayouts, {
        ...options,
        query: { ...query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
}

/** What you can pay out, and the M-Pesa account balance. */
export class Balance {
  constructor(readonly call: Call) {}
  retrieve(options?: RequestOptions): Promise<WithResponse<BalanceResponse>> {
    return this.call(routes.retrieveBalance, options);
  }
}

/** Hosted checkout sessions; open `session.url` with `@malipo/client/checkout`. */
export class CheckoutSessions {
  constructor(readonly call: Call) {}
  create(
    body: CreateCheckoutSessionRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<CheckoutSession>> {
    return this.call(routes.createCheckoutSession, { ...options, body });
  }
  retrieve(sessionId: string, options?: RequestOptions): Promise<WithResponse<CheckoutSession>> {
    return this.call(routes.retrieveCheckoutSession, {
      ...options,
      params: { session_id: sessionId },
    });
  }
}

/** Where the gateway sends your webhooks. */
export class WebhookEndpoints {
  constructor(readonly call: Call) {}
  /** Registers an endpoint. The answer's `secret` (`whsec_…`) is shown only here: store it. */
  create(
    body: CreateWebhookEndpointRequest,
    options?: RequestOptions,
  ): Promise<WithResponse<WebhookEndpoint & { secret: string }>> {
    return this.call(routes.createWebhookEndpoint, { ...options, body });
  }
  /** Lists endpoints newest first; `await` for a page or `for await` over every endpoint. */
  list(
    query: ListWebhookEndpointsQuery = {},
    options?: RequestOptions,
  ): PagePromise<WebhookEndpoint> {
    return new PagePromise((cursor) =>
      this.call(routes.listWebhookEndpoints, {
        ...options,
        query: { ...query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
  delete(
    endpointId: string,
    options?: RequestOptions,
  ): Promise<WithResponse<{ deleted: true; endpoint_id: string }>> {
    return this.call(routes.deleteWebhookEndpoint, {
      ...options,
      params: { endpoint_id: endpointId },
    });
  }
}

/** Delivery logs (every attempt) and manual retry. */
export class WebhookDeliveries {
  constructor(readonly call: Call) {}
  list(
    query: ListWebhookDeliveriesQuery = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery> {
    return new PagePromise((cursor) =>
      this.call(routes.listWebhookDeliveries, {
        ...options,
        query: { ...query, ...(cursor ? { cursor } : {}) },
      }),
    );
  }
  retry(webhookId: string, options?: RequestOptions): Promise<WithResponse<WebhookDelivery>> {
    return this.call(routes.retryWebhookDelivery, {
      ...options,
      params: { webhook_id: webhookId },
    });
  }
}

/** Queue statistics (the test-mode endpoint from the async webhooks gateway guide). */
export class Jobs {
  constructor(readonly call: Call) {}
  status(options?: RequestOptions): Promise<WithResponse<JobStatus>> {
    return this.call(routes.jobStatus, options);
  }
}

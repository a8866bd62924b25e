import type * as z from 'zod/mini';
import { createCheckoutSessionRequest } from './checkout/requests.js';
import {
  capturePaymentRequest,
  createPaymentRequest,
  listPaymentsQuery,
  voidPaymentRequest,
} from './payments/requests.js';
import { createPayoutRequest, listPayoutsQuery } from './payouts/requests.js';
import { createRefundRequest, listRefundsQuery } from './refunds/requests.js';
import {
  createWebhookEndpointRequest,
  listWebhookDeliveriesQuery,
  listWebhookEndpointsQuery,
} from './webhooks/requests.js';

/** How to send one operation of the gateway API: what a client needs, and nothing it does not. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Canonical path, with `{param}` placeholders. */
  path: string;
  /** Path parameters. */
  params?: readonly string[];
  /** Schema of the JSON body (strict: an unknown field is refused). */
  body?: z.ZodMiniType;
  /** Schema of the query string. */
  query?: z.ZodMiniType;
  /** Honours an `Idempotency-Key` header. */
  idempotent: boolean;
  /** Needs `X-API-Key` and `X-API-Secret`. */
  authenticated: boolean;
}

const post = { method: 'POST', idempotent: true, authenticated: true } as const;
const get = { method: 'GET', idempotent: false, authenticated: true } as const;

/**
 * The request side of every operation: method, path and request schemas. `routes` adds what the
 * gateway answers; clients that bundle this table carry no response schema and no OpenAPI text.
 */
export const requestRoutes = {
  createPayment: { ...post, path: '/api/v1/payments', body: createPaymentRequest },
  retrievePayment: { ...get, path: '/api/v1/payments/{payment_id}', params: ['payment_id'] },
  listPayments: { ...get, path: '/api/v1/payments', query: listPaymentsQuery },
  queryPayment: { ...post, path: '/api/v1/payments/{payment_id}/query', params: ['payment_id'] },
  capturePayment: {
    ...post,
    path: '/api/v1/payments/{payment_id}/capture',
    params: ['payment_id'],
    body: capturePaymentRequest,
  },
  voidPayment: {
    ...post,
    path: '/api/v1/payments/{payment_id}/void',
    params: ['payment_id'],
    body: voidPaymentRequest,
  },
  createRefund: {
    ...post,
    path: '/api/v1/payments/{payment_id}/refunds',
    params: ['payment_id'],
    body: createRefundRequest,
  },
  listRefunds: {
    ...get,
    path: '/api/v1/payments/{payment_id}/refunds',
    params: ['payment_id'],
    query: listRefundsQuery,
  },
  retrieveRefund: { ...get, path: '/api/v1/refunds/{refund_id}', params: ['refund_id'] },
  createPayout: { ...post, path: '/api/v1/payouts', body: createPayoutRequest },
  retrievePayout: { ...get, path: '/api/v1/payouts/{payout_id}', params: ['payout_id'] },
  listPayouts: { ...get, path: '/api/v1/payouts', query: listPayoutsQuery },
  retrieveBalance: { ...get, path: '/api/v1/balance' },
  createCheckoutSession: {
    ...post,
    path: '/api/v1/checkout/sessions',
    body: createCheckoutSessionRequest,
  },
  retrieveCheckoutSession: {
    ...get,
    path: '/api/v1/checkout/sessions/{session_id}',
    params: ['session_id'],
  },
  createWebhookEndpoint: {
    ...post,
    path: '/api/v1/webhook-endpoints',
    body: createWebhookEndpointRequest,
  },
  listWebhookEndpoints: {
    ...get,
    path: '/api/v1/webhook-endpoints',
    query: listWebhookEndpointsQuery,
  },
  deleteWebhookEndpoint: {
    method: 'DELETE',
    idempotent: true,
    authenticated: true,
    path: '/api/v1/webhook-endpoints/{endpoint_id}',
    params: ['endpoint_id'],
  },
  listWebhookDeliveries: { ...get, path: '/api/v1/webhooks', query: listWebhookDeliveriesQuery },
  retryWebhookDelivery: {
    ...post,
    path: '/api/v1/webhooks/{webhook_id}/retry',
    params: ['webhook_id'],
  },
  jobStatus: { ...get, path: '/api/v1/test/jobs/status' },
  health: { ...get, authenticated: false, path: '/health' },
} as const satisfies Record<string, RequestSpec>;

/** The name of an operation, e.g. `createPayment`. */
export type RequestName = keyof typeof requestRoutes;

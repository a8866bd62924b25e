import type * as z from 'zod/mini';
import { balanceResponse } from './balance/schemas.js';
import { checkoutSessionResponse, createCheckoutSessionRequest } from './checkout/schemas.js';
import {
  capturePaymentRequest,
  createPaymentRequest,
  createPaymentResponse,
  listPaymentsQuery,
  paymentList,
  paymentResponse,
  voidPaymentRequest,
} from './payments/schemas.js';
import {
  createPayoutRequest,
  listPayoutsQuery,
  payoutList,
  payoutResponse,
} from './payouts/schemas.js';
import {
  createRefundRequest,
  listRefundsQuery,
  refundList,
  refundResponse,
} from './refunds/schemas.js';
import { health, jobStatus } from './system/schemas.js';
import {
  createWebhookEndpointRequest,
  listWebhookDeliveriesQuery,
  listWebhookEndpointsQuery,
  webhookDeliveryList,
  webhookDeliveryResponse,
  webhookEndpointCreated,
  webhookEndpointDeleted,
  webhookEndpointList,
} from './webhooks/schemas.js';

/** The OpenAPI tag an operation is listed under. */
export type RouteTag =
  | 'Payments'
  | 'Refunds'
  | 'Payouts'
  | 'Balance'
  | 'Checkout'
  | 'Webhooks'
  | 'System';

/** One operation of the gateway API. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Canonical path, with `{param}` placeholders. */
  path: string;
  /** The hosted-gateway integration guide's paths that answer the same way (aliases, not second implementations). */
  aliases?: readonly string[];
  /** Status of a successful answer on the aliases, when it differs from `status`. */
  aliasStatus?: number;
  tag: RouteTag;
  /** Path parameters. */
  params?: readonly string[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** Schema of a successful answer. */
  response: z.ZodMiniType;
  /** Status of a successful answer. */
  status: number;
  /** Error statuses the operation can answer with (the error envelope). */
  errors: readonly number[];
  /** Status of an answer that reports trouble in the success schema itself (health: 503). */
  unhealthyStatus?: number;
  /** Honours an `Idempotency-Key` header. */
  idempotent: boolean;
  /** Needs `X-API-Key` and `X-API-Secret`. */
  authenticated: boolean;
}

// Error statuses by what an operation does. 400 is everywhere: a URL holding NUL is refused.
const authed = [400, 401, 429, 500] as const;
const withBody = [...authed, 413, 415] as const;
const keyed = [409, 422] as const;
const byId = [404] as const;
// Routes that reach a provider: 502 when it fails, 403 when the key's mode has no provider set up.
const provider = [403, 502] as const;

const post = { method: 'POST', idempotent: true, authenticated: true } as const;
const get = { method: 'GET', idempotent: false, authenticated: true } as const;

/** The gateway API, one entry per operation: the single source for client, gateway and OpenAPI. */
export const routes = {
  createPayment: {
    ...post,
    tag: 'Payments',
    path: '/api/v1/payments',
    aliases: ['/api/payments/create'],
    aliasStatus: 200,
    body: createPaymentRequest,
    response: createPaymentResponse,
    status: 201,
    errors: [...withBody, ...keyed, ...provider, 503],
  },
  retrievePayment: {
    ...get,
    tag: 'Payments',
    path: '/api/v1/payments/{payment_id}',
    aliases: ['/api/payments/{payment_id}'],
    params: ['payment_id'],
    response: paymentResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  listPayments: {
    ...get,
    tag: 'Payments',
    path: '/api/v1/payments',
    aliases: ['/api/payments'],
    query: listPaymentsQuery,
    response: paymentList,
    status: 200,
    errors: authed,
  },
  queryPayment: {
    ...post,
    tag: 'Payments',
    path: '/api/v1/payments/{payment_id}/query',
    params: ['payment_id'],
    response: paymentResponse,
    status: 200,
    errors: [...authed, ...byId, ...keyed, ...provider],
  },
  capturePayment: {
    ...post,
    tag: 'Payments',
    path: '/api/v1/payments/{payment_id}/capture',
    params: ['payment_id'],
    body: capturePaymentRequest,
    response: paymentResponse,
    status: 200,
    errors: [...withBody, ...byId, 409, 422, ...provider],
  },
  voidPayment: {
    ...post,
    tag: 'Payments',
    path: '/api/v1/payments/{payment_id}/void',
    params: ['payment_id'],
    body: voidPaymentRequest,
    response: paymentResponse,
    status: 200,
    errors: [...withBody, ...byId, 409, 422, ...provider],
  },
  createRefund: {
    ...post,
    tag: 'Refunds',
    path: '/api/v1/payments/{payment_id}/refunds',
    params: ['payment_id'],
    body: createRefundRequest,
    response: refundResponse,
    status: 201,
    errors: [...withBody, 402, ...byId, ...keyed, ...provider],
  },
  listRefunds: {
    ...get,
    tag: 'Refunds',
    path: '/api/v1/payments/{payment_id}/refunds',
    params: ['payment_id'],
    query: listRefundsQuery,
    response: refundList,
    status: 200,
    errors: [...authed, ...byId],
  },
  retrieveRefund: {
    ...get,
    tag: 'Refunds',
    path: '/api/v1/refunds/{refund_id}',
    params: ['refund_id'],
    response: refundResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  createPayout: {
    ...post,
    tag: 'Payouts',
    path: '/api/v1/payouts',
    aliases: ['/api/payouts/create'],
    aliasStatus: 200,
    body: createPayoutRequest,
    response: payoutResponse,
    status: 201,
    errors: [...withBody, 402, ...keyed, ...provider],
  },
  retrievePayout: {
    ...get,
    tag: 'Payouts',
    path: '/api/v1/payouts/{payout_id}',
    aliases: ['/api/payouts/{payout_id}'],
    params: ['payout_id'],
    response: payoutResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  listPayouts: {
    ...get,
    tag: 'Payouts',
    path: '/api/v1/payouts',
    query: listPayoutsQuery,
    response: payoutList,
    status: 200,
    errors: authed,
  },
  retrieveBalance: {
    ...get,
    tag: 'Balance',
    path: '/api/v1/balance',
    response: balanceResponse,
    status: 200,
    errors: [...authed, ...provider],
  },
  createCheckoutSession: {
    ...post,
    tag: 'Checkout',
    path: '/api/v1/checkout/sessions',
    body: createCheckoutSessionRequest,
    response: checkoutSessionResponse,
    status: 201,
    errors: [...withBody, ...keyed],
  },
  retrieveCheckoutSession: {
    ...get,
    tag: 'Checkout',
    path: '/api/v1/checkout/sessions/{session_id}',
    params: ['session_id'],
    response: checkoutSessionResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  createWebhookEndpoint: {
    ...post,
    tag: 'Webhooks',
    path: '/api/v1/webhook-endpoints',
    body: createWebhookEndpointRequest,
    response: webhookEndpointCreated,
    status: 201,
    errors: [...withBody, ...keyed],
  },
  listWebhookEndpoints: {
    ...get,
    tag: 'Webhooks',
    path: '/api/v1/webhook-endpoints',
    query: listWebhookEndpointsQuery,
    response: webhookEndpointList,
    status: 200,
    errors: authed,
  },
  deleteWebhookEndpoint: {
    method: 'DELETE',
    idempotent: true,
    authenticated: true,
    tag: 'Webhooks',
    path: '/api/v1/webhook-endpoints/{endpoint_id}',
    params: ['endpoint_id'],
    response: webhookEndpointDeleted,
    status: 200,
    errors: [...authed, ...byId, ...keyed],
  },
  listWebhookDeliveries: {
    ...get,
    tag: 'Webhooks',
    path: '/api/v1/webhooks',
    query: listWebhookDeliveriesQuery,
    response: webhookDeliveryList,
    status: 200,
    errors: authed,
  },
  retryWebhookDelivery: {
    ...post,
    tag: 'Webhooks',
    path: '/api/v1/webhooks/{webhook_id}/retry',
    params: ['webhook_id'],
    response: webhookDeliveryResponse,
    status: 200,
    errors: [...authed, ...byId, ...keyed],
  },
  jobStatus: {
    ...get,
    tag: 'System',
    path: '/api/v1/test/jobs/status',
    response: jobStatus,
    status: 200,
    errors: authed,
  },
  health: {
    ...get,
    authenticated: false,
    tag: 'System',
    path: '/health',
    response: health,
    status: 200,
    errors: [400, 500],
    unhealthyStatus: 503,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

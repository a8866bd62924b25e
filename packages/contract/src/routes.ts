import type * as z from 'zod/mini';
import { checkoutSessionResponse, createCheckoutSessionRequest } from './checkout/schemas.js';
import {
  capturePaymentRequest,
  createPaymentRequest,
  createPaymentResponse,
  listPaymentsQuery,
  paymentList,
  paymentResponse,
} from './payments/schemas.js';
import { createPayoutRequest, payoutResponse } from './payouts/schemas.js';
import { createRefundRequest, refundResponse } from './refunds/schemas.js';
import { health, jobStatus } from './system/schemas.js';
import {
  createWebhookEndpointRequest,
  listWebhookDeliveriesQuery,
  webhookDeliveryList,
  webhookDeliveryResponse,
  webhookEndpointCreated,
  webhookEndpointDeleted,
  webhookEndpointList,
} from './webhooks/schemas.js';

/** One operation of the gateway API. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Canonical path, with `{param}` placeholders. */
  path: string;
  /** Seed 000's paths that answer the same way (aliases, not second implementations). */
  aliases?: readonly string[];
  summary: string;
  /** Path parameters. */
  params?: readonly string[];
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** Schema of a successful answer. */
  response: z.ZodMiniType;
  /** Status of a successful answer. */
  status: number;
  /** Accepts an `Idempotency-Key` header (every POST does). */
  idempotent: boolean;
  /** Needs `X-API-Key` and `X-API-Secret`. */
  authenticated: boolean;
}

const post = { method: 'POST', idempotent: true, authenticated: true } as const;
const get = { method: 'GET', idempotent: false, authenticated: true } as const;

/** The gateway API, one entry per operation: the single source for client, gateway and OpenAPI. */
export const routes = {
  createPayment: {
    ...post,
    path: '/api/v1/payments',
    aliases: ['/api/payments/create'],
    summary: 'Create a payment',
    body: createPaymentRequest,
    response: createPaymentResponse,
    status: 201,
  },
  retrievePayment: {
    ...get,
    path: '/api/v1/payments/{payment_id}',
    aliases: ['/api/payments/{payment_id}'],
    params: ['payment_id'],
    summary: 'Retrieve a payment',
    response: paymentResponse,
    status: 200,
  },
  listPayments: {
    ...get,
    path: '/api/v1/payments',
    aliases: ['/api/payments'],
    summary: 'List payments, newest first',
    query: listPaymentsQuery,
    response: paymentList,
    status: 200,
  },
  queryPayment: {
    ...post,
    path: '/api/v1/payments/{payment_id}/query',
    params: ['payment_id'],
    summary: 'Ask the provider for the state of a pending payment (manual STK query)',
    response: paymentResponse,
    status: 200,
  },
  capturePayment: {
    ...post,
    path: '/api/v1/payments/{payment_id}/capture',
    params: ['payment_id'],
    summary: 'Capture all or part of a payment',
    body: capturePaymentRequest,
    response: paymentResponse,
    status: 200,
  },
  createRefund: {
    ...post,
    path: '/api/v1/payments/{payment_id}/refunds',
    params: ['payment_id'],
    summary: 'Refund all or part of a payment',
    body: createRefundRequest,
    response: refundResponse,
    status: 201,
  },
  retrieveRefund: {
    ...get,
    path: '/api/v1/refunds/{refund_id}',
    params: ['refund_id'],
    summary: 'Retrieve a refund',
    response: refundResponse,
    status: 200,
  },
  createPayout: {
    ...post,
    path: '/api/v1/payouts',
    aliases: ['/api/payouts/create'],
    summary: 'Send money to a phone (M-Pesa B2C)',
    body: createPayoutRequest,
    response: payoutResponse,
    status: 201,
  },
  retrievePayout: {
    ...get,
    path: '/api/v1/payouts/{payout_id}',
    aliases: ['/api/payouts/{payout_id}'],
    params: ['payout_id'],
    summary: 'Retrieve a payout',
    response: payoutResponse,
    status: 200,
  },
  createCheckoutSession: {
    ...post,
    path: '/api/v1/checkout/sessions',
    summary: 'Create a hosted checkout session',
    body: createCheckoutSessionRequest,
    response: checkoutSessionResponse,
    status: 201,
  },
  retrieveCheckoutSession: {
    ...get,
    path: '/api/v1/checkout/sessions/{session_id}',
    params: ['session_id'],
    summary: 'Retrieve a checkout session',
    response: checkoutSessionResponse,
    status: 200,
  },
  createWebhookEndpoint: {
    ...post,
    path: '/api/v1/webhook-endpoints',
    summary: 'Register a webhook endpoint (the secret is shown once)',
    body: createWebhookEndpointRequest,
    response: webhookEndpointCreated,
    status: 201,
  },
  listWebhookEndpoints: {
    ...get,
    path: '/api/v1/webhook-endpoints',
    summary: 'List webhook endpoints',
    response: webhookEndpointList,
    status: 200,
  },
  deleteWebhookEndpoint: {
    method: 'DELETE',
    idempotent: true,
    authenticated: true,
    path: '/api/v1/webhook-endpoints/{endpoint_id}',
    params: ['endpoint_id'],
    summary: 'Delete a webhook endpoint',
    response: webhookEndpointDeleted,
    status: 200,
  },
  listWebhookDeliveries: {
    ...get,
    path: '/api/v1/webhooks',
    summary: 'List webhook deliveries and their attempts',
    query: listWebhookDeliveriesQuery,
    response: webhookDeliveryList,
    status: 200,
  },
  retryWebhookDelivery: {
    ...post,
    path: '/api/v1/webhooks/{webhook_id}/retry',
    params: ['webhook_id'],
    summary: 'Deliver a webhook again now',
    response: webhookDeliveryResponse,
    status: 200,
  },
  jobStatus: {
    ...get,
    path: '/api/v1/test/jobs/status',
    summary: 'Queue statistics (seed 002)',
    response: jobStatus,
    status: 200,
  },
  health: {
    ...get,
    authenticated: false,
    path: '/health',
    summary: 'Database and queue health',
    response: health,
    status: 200,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

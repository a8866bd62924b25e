import type * as z from 'zod/mini';
import { balanceResponse } from './balance/schemas.js';
import { checkoutSessionResponse } from './checkout/schemas.js';
import { createPaymentResponse, paymentList, paymentResponse } from './payments/schemas.js';
import { payoutList, payoutResponse } from './payouts/schemas.js';
import { refundList, refundResponse } from './refunds/schemas.js';
import { type RequestName, type RequestSpec, requestRoutes as request } from './request-routes.js';
import { health, jobStatus } from './system/schemas.js';
import {
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

/** One operation of the gateway API: how to send it (`RequestSpec`) and what it answers. */
export interface RouteSpec extends RequestSpec {
  /** The hosted-gateway integration guide's paths that answer the same way (aliases, not second implementations). */
  aliases?: readonly string[];
  /** Status of a successful answer on the aliases, when it differs from `status`. */
  aliasStatus?: number;
  tag: RouteTag;
  /** Schema of a successful answer. */
  response: z.ZodMiniType;
  /** Status of a successful answer. */
  status: number;
  /** Error statuses the operation can answer with (the error envelope). */
  errors: readonly number[];
  /** Status of an answer that reports trouble in the success schema itself (health: 503). */
  unhealthyStatus?: number;
}

// Error statuses by what an operation does. 400 is everywhere: a URL holding NUL is refused.
const authed = [400, 401, 429, 500] as const;
const withBody = [...authed, 413, 415] as const;
const keyed = [409, 422] as const;
const byId = [404] as const;
// Routes that reach a provider: 502 when it fails, 403 when the key's mode has no provider set up.
const provider = [403, 502] as const;

/** The gateway API, one entry per operation: the single source for client, gateway and OpenAPI. */
export const routes = {
  createPayment: {
    ...request.createPayment,
    tag: 'Payments',
    aliases: ['/api/payments/create'],
    aliasStatus: 200,
    response: createPaymentResponse,
    status: 201,
    errors: [...withBody, ...keyed, ...provider, 503],
  },
  retrievePayment: {
    ...request.retrievePayment,
    tag: 'Payments',
    aliases: ['/api/payments/{payment_id}'],
    response: paymentResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  listPayments: {
    ...request.listPayments,
    tag: 'Payments',
    aliases: ['/api/payments'],
    response: paymentList,
    status: 200,
    errors: authed,
  },
  queryPayment: {
    ...request.queryPayment,
    tag: 'Payments',
    response: paymentResponse,
    status: 200,
    errors: [...authed, ...byId, ...keyed, ...provider],
  },
  capturePayment: {
    ...request.capturePayment,
    tag: 'Payments',
    response: paymentResponse,
    status: 200,
    errors: [...withBody, ...byId, 409, 422, ...provider],
  },
  voidPayment: {
    ...request.voidPayment,
    tag: 'Payments',
    response: paymentResponse,
    status: 200,
    errors: [...withBody, ...byId, 409, 422, ...provider],
  },
  createRefund: {
    ...request.createRefund,
    tag: 'Refunds',
    response: refundResponse,
    status: 201,
    errors: [...withBody, 402, ...byId, ...keyed, ...provider],
  },
  listRefunds: {
    ...request.listRefunds,
    tag: 'Refunds',
    response: refundList,
    status: 200,
    errors: [...authed, ...byId],
  },
  retrieveRefund: {
    ...request.retrieveRefund,
    tag: 'Refunds',
    response: refundResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  createPayout: {
    ...request.createPayout,
    tag: 'Payouts',
    aliases: ['/api/payouts/create'],
    aliasStatus: 200,
    response: payoutResponse,
    status: 201,
    errors: [...withBody, 402, ...keyed, ...provider],
  },
  retrievePayout: {
    ...request.retrievePayout,
    tag: 'Payouts',
    aliases: ['/api/payouts/{payout_id}'],
    response: payoutResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  listPayouts: {
    ...request.listPayouts,
    tag: 'Payouts',
    response: payoutList,
    status: 200,
    errors: authed,
  },
  retrieveBalance: {
    ...request.retrieveBalance,
    tag: 'Balance',
    response: balanceResponse,
    status: 200,
    errors: [...authed, ...provider],
  },
  createCheckoutSession: {
    ...request.createCheckoutSession,
    tag: 'Checkout',
    response: checkoutSessionResponse,
    status: 201,
    errors: [...withBody, ...keyed],
  },
  retrieveCheckoutSession: {
    ...request.retrieveCheckoutSession,
    tag: 'Checkout',
    response: checkoutSessionResponse,
    status: 200,
    errors: [...authed, ...byId],
  },
  createWebhookEndpoint: {
    ...request.createWebhookEndpoint,
    tag: 'Webhooks',
    response: webhookEndpointCreated,
    status: 201,
    errors: [...withBody, ...keyed],
  },
  listWebhookEndpoints: {
    ...request.listWebhookEndpoints,
    tag: 'Webhooks',
    response: webhookEndpointList,
    status: 200,
    errors: authed,
  },
  deleteWebhookEndpoint: {
    ...request.deleteWebhookEndpoint,
    tag: 'Webhooks',
    response: webhookEndpointDeleted,
    status: 200,
    errors: [...authed, ...byId, ...keyed],
  },
  listWebhookDeliveries: {
    ...request.listWebhookDeliveries,
    tag: 'Webhooks',
    response: webhookDeliveryList,
    status: 200,
    errors: authed,
  },
  retryWebhookDelivery: {
    ...request.retryWebhookDelivery,
    tag: 'Webhooks',
    response: webhookDeliveryResponse,
    status: 200,
    errors: [...authed, ...byId, ...keyed],
  },
  jobStatus: {
    ...request.jobStatus,
    tag: 'System',
    response: jobStatus,
    status: 200,
    errors: authed,
  },
  health: {
    ...request.health,
    tag: 'System',
    response: health,
    status: 200,
    errors: [400, 500],
    unhealthyStatus: 503,
  },
} as const satisfies Record<RequestName, RouteSpec>;

export type RouteName = keyof typeof routes;

import type * as z from 'zod/mini';
import { balanceResponse, mpesaAccountBalance } from '../balance/schemas.js';
import { createCheckoutSessionRequest } from '../checkout/requests.js';
import { checkoutSession, checkoutSessionResponse } from '../checkout/schemas.js';
import { errorEnvelope } from '../common/errors.js';
import {
  capturePaymentRequest,
  createPaymentRequest,
  voidPaymentRequest,
} from '../payments/requests.js';
import {
  createPaymentResponse,
  payment,
  paymentList,
  paymentResponse,
} from '../payments/schemas.js';
import { createPayoutRequest } from '../payouts/requests.js';
import { payout, payoutList, payoutResponse } from '../payouts/schemas.js';
import { createRefundRequest } from '../refunds/requests.js';
import { refund, refundList, refundResponse } from '../refunds/schemas.js';
import { health, jobStatus } from '../system/schemas.js';
import { createWebhookEndpointRequest } from '../webhooks/requests.js';
import {
  deliveryAttempt,
  webhookDelivery,
  webhookDeliveryList,
  webhookDeliveryResponse,
  webhookEndpoint,
  webhookEndpointCreated,
  webhookEndpointDeleted,
  webhookEndpointList,
} from '../webhooks/schemas.js';
import { documentedEventSchemas } from './event-docs.js';
import { componentSchemas, type JsonObject, ref } from './json-schema.js';

const requests = {
  CreatePaymentRequest: createPaymentRequest,
  CapturePaymentRequest: capturePaymentRequest,
  VoidPaymentRequest: voidPaymentRequest,
  CreateRefundRequest: createRefundRequest,
  CreatePayoutRequest: createPayoutRequest,
  CreateCheckoutSessionRequest: createCheckoutSessionRequest,
  CreateWebhookEndpointRequest: createWebhookEndpointRequest,
};

const responses = () => ({
  Error: errorEnvelope,
  CreatePaymentResponse: createPaymentResponse,
  Payment: payment,
  PaymentList: paymentList,
  Refund: refund,
  RefundList: refundList,
  Payout: payout,
  PayoutList: payoutList,
  Balance: balanceResponse,
  MpesaAccountBalance: mpesaAccountBalance,
  CheckoutSession: checkoutSession,
  WebhookEndpoint: webhookEndpoint,
  WebhookEndpointCreated: webhookEndpointCreated,
  WebhookEndpointList: webhookEndpointList,
  WebhookEndpointDeleted: webhookEndpointDeleted,
  WebhookDeliveryAttempt: deliveryAttempt,
  WebhookDelivery: webhookDelivery,
  WebhookDeliveryList: webhookDeliveryList,
  JobStatus: jobStatus,
  Health: health,
  PaymentEvent: documentedEventSchemas().payment,
  RefundEvent: documentedEventSchemas().refund,
  PayoutEvent: documentedEventSchemas().payout,
  CheckoutSessionEvent: documentedEventSchemas().checkout,
});

// A single-object answer is the object plus `success: true`, so it refers to the object's schema.
const singleAnswers = new Map<z.ZodMiniType, string>([
  [paymentResponse, 'Payment'],
  [refundResponse, 'Refund'],
  [payoutResponse, 'Payout'],
  [checkoutSessionResponse, 'CheckoutSession'],
  [webhookDeliveryResponse, 'WebhookDelivery'],
]);

/** `components.schemas`, and how an operation refers to a request or response schema. */
export function schemaComponents() {
  const named: Record<string, z.ZodMiniType> = { ...requests, ...responses() };
  const ids = new Map(Object.entries(named).map(([id, schema]) => [schema, id]));
  const schemas = {
    ...componentSchemas(requests, 'input'),
    ...componentSchemas(responses(), 'output'),
  };
  const refTo = (schema: z.ZodMiniType): JsonObject => {
    const single = singleAnswers.get(schema);
    if (single) return { allOf: [ref(single), { required: ['success'] }] };
    const id = ids.get(schema);
    if (!id) throw new Error('@malipo/contract: every request and response schema needs a name.');
    return ref(id);
  };
  return { schemas, refTo };
}

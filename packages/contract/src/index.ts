/**
 * `@malipo/contract` — the Malipo gateway API and its webhook events as zod schemas: the
 * single source of truth for `@malipo/client`, `@malipo/webhooks` and the reference gateway,
 * and for the generated OpenAPI 3.1 document. Request schemas are strict (the gateway
 * validates input with them); response and event schemas are lenient (unknown enum values and
 * extra fields survive), so an older client keeps working against a newer gateway.
 *
 * @module @malipo/contract
 */
export {
  type BalanceResponse,
  balanceResponse,
  mpesaAccountBalance,
} from './balance/schemas.js';
export {
  type CheckoutSession,
  type CreateCheckoutSessionRequest,
  checkoutSession,
  checkoutSessionResponse,
  checkoutSessionStatuses,
  createCheckoutSessionRequest,
} from './checkout/schemas.js';
export { type ErrorCode, type ErrorEnvelope, errorCodes, errorEnvelope } from './common/errors.js';
export { openEnum } from './common/lenient.js';
export {
  amountCents,
  currency,
  type PaymentStatus,
  type Provider,
  paymentStatuses,
  providers,
} from './common/primitives.js';
export {
  type CheckoutSessionEvent,
  type EventOfType,
  type GatewayEvent,
  type GatewayEventType,
  gatewayEventTypes,
  InvalidEventError,
  isEventType,
  type PaymentEvent,
  type PayoutEvent,
  parseGatewayEvent,
  type RefundEvent,
  type UnknownGatewayEvent,
} from './events/gateway-events.js';
export { buildOpenApiDocument } from './openapi/document.js';
export type { JsonObject } from './openapi/json-schema.js';
export {
  type CapturePaymentRequest,
  type CreatePaymentRequest,
  type CreatePaymentResponse,
  capturePaymentRequest,
  createPaymentRequest,
  createPaymentResponse,
  type ListPaymentsQuery,
  listPaymentsQuery,
  type Payment,
  page,
  payment,
  paymentList,
  paymentResponse,
} from './payments/schemas.js';
export {
  type CreatePayoutRequest,
  createPayoutRequest,
  type ListPayoutsQuery,
  listPayoutsQuery,
  type Payout,
  payout,
  payoutList,
  payoutResponse,
  payoutStatuses,
} from './payouts/schemas.js';
export {
  type CreateRefundRequest,
  createRefundRequest,
  type ListRefundsQuery,
  listRefundsQuery,
  type Refund,
  refund,
  refundList,
  refundMethods,
  refundResponse,
  refundStatuses,
} from './refunds/schemas.js';
export { type RouteName, type RouteSpec, type RouteTag, routes } from './routes.js';
export { type Health, health, type JobStatus, jobStatus } from './system/schemas.js';
export {
  type CreateWebhookEndpointRequest,
  createWebhookEndpointRequest,
  deliveryAttempt,
  deliveryStatuses,
  type ListWebhookDeliveriesQuery,
  type ListWebhookEndpointsQuery,
  listWebhookDeliveriesQuery,
  listWebhookEndpointsQuery,
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookDelivery,
  webhookDeliveryList,
  webhookDeliveryResponse,
  webhookEndpoint,
  webhookEndpointCreated,
  webhookEndpointDeleted,
  webhookEndpointList,
} from './webhooks/schemas.js';

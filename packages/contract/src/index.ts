/**
 * `@malipo/contract` — the Malipo gateway API and its webhook events as zod schemas: the
 * single source of truth for `@malipo/client`, `@malipo/webhooks` and the reference gateway,
 * and for the generated OpenAPI 3.1 document. Request schemas are strict (the gateway
 * validates input with them); response and event schemas are lenient (unknown enum values and
 * extra fields survive), so an older client keeps working against a newer gateway.
 *
 * @module @malipo/contract
 * @mergeModuleWith <project>
 */
export {
  type BalanceResponse,
  balanceResponse,
  mpesaAccountBalance,
} from './balance/schemas.js';
export {
  type CreateCheckoutSessionRequest,
  createCheckoutSessionRequest,
} from './checkout/requests.js';
export {
  type CheckoutSession,
  checkoutSession,
  checkoutSessionResponse,
  checkoutSessionStatuses,
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
export { type GatewayEventType, gatewayEventTypes } from './events/event-types.js';
export {
  type CheckoutSessionEvent,
  type EventOfType,
  type GatewayEvent,
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
  capturePaymentRequest,
  createPaymentRequest,
  type ListPaymentsQuery,
  listPaymentsQuery,
} from './payments/requests.js';
export {
  type CreatePaymentResponse,
  createPaymentResponse,
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
  payoutStatuses,
} from './payouts/requests.js';
export { type Payout, payout, payoutList, payoutResponse } from './payouts/schemas.js';
export {
  type CreateRefundRequest,
  createRefundRequest,
  type ListRefundsQuery,
  listRefundsQuery,
} from './refunds/requests.js';
export {
  type Refund,
  refund,
  refundList,
  refundMethods,
  refundResponse,
  refundStatuses,
} from './refunds/schemas.js';
export { type RequestName, type RequestSpec, requestRoutes } from './request-routes.js';
export { type RouteName, type RouteSpec, type RouteTag, routes } from './routes.js';
export { type Health, health, type JobStatus, jobStatus } from './system/schemas.js';
export {
  type CreateWebhookEndpointRequest,
  createWebhookEndpointRequest,
  deliveryStatuses,
  type ListWebhookDeliveriesQuery,
  type ListWebhookEndpointsQuery,
  listWebhookDeliveriesQuery,
  listWebhookEndpointsQuery,
} from './webhooks/requests.js';
export {
  deliveryAttempt,
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

/**
 * `@malipo/client` — the Malipo gateway client for servers and edge runtimes (Node ≥ 22, Bun,
 * Deno, Workers): every endpoint of `@malipo/contract`, requests checked against its schemas,
 * safe retries with one idempotency key per call, typed errors with request ids,
 * auto-pagination and `waitFor`. Webhook verification is `@malipo/client/webhooks`; the browser
 * checkout embed is `@malipo/client/checkout`.
 *
 * @module @malipo/client
 * @mergeModuleWith <project>
 */
export type {
  CheckoutSession,
  CreateCheckoutSessionRequest,
  CreatePaymentRequest,
  CreatePaymentResponse,
  CreatePayoutRequest,
  CreateRefundRequest,
  CreateWebhookEndpointRequest,
  GatewayEvent,
  JobStatus,
  ListPaymentsQuery,
  Payment,
  PaymentStatus,
  Payout,
  Refund,
  UnknownGatewayEvent,
  WebhookDelivery,
  WebhookEndpoint,
} from '@malipo/contract';
export { Malipo } from './client.js';
export {
  isMalipoAPIError,
  isMalipoApiError,
  MalipoAPIError,
  MalipoApiError,
  MalipoAuthenticationError,
  MalipoConflictError,
  MalipoIdempotencyError,
  MalipoInvalidRequestError,
  MalipoNotFoundError,
  MalipoPaymentRequiredError,
  MalipoProviderError,
  MalipoRateLimitError,
  MalipoServerError,
} from './errors/api-errors.js';
export {
  isMalipoConnectionError,
  isMalipoTimeoutError,
  isMalipoValidationError,
  MalipoConnectionError,
  MalipoOptionsError,
  MalipoResponseValidationError,
  MalipoTimeoutError,
  MalipoValidationError,
  type UnansweredErrorOptions,
} from './errors/client-errors.js';
export { isMalipoError, MalipoError, type ResponseMeta } from './errors/malipo-error.js';
export type { RequestOptions, WithResponse } from './http/request.js';
export type { MalipoOptions, ResponseSchemas } from './options.js';
export { type Page, PagePromise } from './pagination/page.js';
// The resource classes as types only: users reach them through a `Malipo` instance and can
// name them (`Malipo['payments']` works too), but never construct them.
export type { Balance } from './resources/balance.js';
export type { CheckoutSessions } from './resources/checkout-sessions.js';
export type { Jobs } from './resources/jobs.js';
export type { Payments, WaitForOptions } from './resources/payments.js';
export type { Payouts } from './resources/payouts.js';
export type { Refunds } from './resources/refunds.js';
export type { WebhookDeliveries } from './resources/webhook-deliveries.js';
export type { WebhookEndpoints } from './resources/webhook-endpoints.js';
export type { ClientVerifyOptions, Webhooks } from './webhooks/webhooks.js';

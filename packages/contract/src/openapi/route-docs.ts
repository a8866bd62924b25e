import type { RouteName } from '../routes.js';

/**
 * What each operation does and when to use it (Markdown), for the OpenAPI document only: kept off
 * the runtime route table so clients that bundle the routes do not carry the prose.
 */
/** Each operation's one-line summary. */
export const routeSummaries: Record<RouteName, string> = {
  createPayment: 'Create a payment',
  retrievePayment: 'Retrieve a payment',
  listPayments: 'List payments',
  queryPayment: 'Query the provider for a payment',
  capturePayment: 'Capture a payment',
  voidPayment: 'Void an authorisation',
  createRefund: 'Refund a payment',
  listRefunds: "List a payment's refunds",
  retrieveRefund: 'Retrieve a refund',
  createPayout: 'Send a payout',
  retrievePayout: 'Retrieve a payout',
  listPayouts: 'List payouts',
  retrieveBalance: 'Retrieve your balance',
  createCheckoutSession: 'Create a checkout session',
  retrieveCheckoutSession: 'Retrieve a checkout session',
  createWebhookEndpoint: 'Register a webhook endpoint',
  listWebhookEndpoints: 'List webhook endpoints',
  deleteWebhookEndpoint: 'Delete a webhook endpoint',
  listWebhookDeliveries: 'List webhook deliveries',
  retryWebhookDelivery: 'Retry a webhook delivery',
  jobStatus: 'Test-mode queue statistics',
  health: 'Check health',
};

export const routeDescriptions: Record<RouteName, string> = {
  createPayment:
    'Creates a PENDING payment and asks the provider to charge the customer: with M-Pesa the customer gets a prompt on their phone (STK push). Follow the outcome with webhooks or by retrieving the payment. Send an `Idempotency-Key` so a retry never charges twice.',
  retrievePayment:
    'Returns the payment as the gateway knows it now. It does not ask the provider: use query for that.',
  listPayments:
    'Lists your payments newest first, a page at a time, optionally filtered by state, provider and creation time.',
  queryPayment:
    'Asks the provider for the state of a PENDING payment (M-Pesa STK query) and settles it when the provider knows the outcome: the fallback when a callback is late.',
  capturePayment:
    'Captures all or part of an AUTHORIZED card payment (made with `capture_method: "manual"`): it becomes COMPLETED with `amount_captured_cents`, the rest of the hold is released, and a `payment.captured` event follows. More than was authorised is 400 INVALID_AMOUNT. An M-Pesa payment is captured when the customer pays (its `amount_captured_cents` is the amount once COMPLETED), so capturing one, or any payment that is not authorised, is 409 INVALID_STATE naming why.',
  voidPayment:
    'Releases an AUTHORIZED card payment without capturing anything: it becomes CANCELLED and a `payment.cancelled` event follows. Anything else is 409 INVALID_STATE.',
  createRefund:
    "Refunds all of a completed payment, or part of it; several partial refunds may follow each other up to the amount paid, never beyond (409 INVALID_STATE when the payment is not COMPLETED, 400 INVALID_AMOUNT past what is left). With M-Pesa a full refund reverses the payment and a partial one is sent to the payer's phone (B2C). The refund is PENDING until M-Pesa answers; a refund.processed or refund.failed event follows.",
  listRefunds: 'Lists the refunds of one payment, newest first, a page at a time.',
  retrieveRefund: 'Returns the refund as the gateway knows it now.',
  createPayout:
    "Sends money to a phone over M-Pesa (B2C). The payout is PENDING until M-Pesa answers; a payout.completed or payout.failed event follows. 402 INSUFFICIENT_BALANCE when your balance (GET /api/v1/balance: completed payments less refunds and payouts) or the M-Pesa account's last reported balance cannot cover it.",
  retrievePayout: 'Returns the payout as the gateway knows it now.',
  listPayouts: 'Lists your payouts newest first, a page at a time, optionally by state.',
  retrieveBalance:
    "What you can pay out (your completed payments less refunds and payouts) and the M-Pesa account's balance as Daraja last reported it. Asking refreshes the M-Pesa figure when it is older than a minute (Daraja answers asynchronously; the answer waits a few seconds for it).",
  createCheckoutSession:
    'Creates a hosted checkout page for one payment: send the customer to the session `url`; they come back to `success_url` or `cancel_url`.',
  retrieveCheckoutSession: 'Returns the session, with its payment once the customer paid.',
  createWebhookEndpoint:
    'Registers a URL to receive events. The answer holds the signing secret (`whsec_…`): it is shown only this once.',
  listWebhookEndpoints:
    'Lists your registered endpoints, newest first, a page at a time (`limit`, `cursor`). A merchant may register at most 16 (the gateway setting `MAX_WEBHOOK_ENDPOINTS`).',
  deleteWebhookEndpoint:
    'Stops sending events to the endpoint. Deliveries already made stay in the log.',
  listWebhookDeliveries:
    'Lists deliveries of your events, newest first, each with its last attempts: the delivery log of the async webhooks guide.',
  retryWebhookDelivery:
    'Queues a new attempt of a FAILED or DELIVERED delivery now. A delivery still PENDING already has an attempt coming: 409 INVALID_STATE.',
  jobStatus:
    'Counts of queued and running jobs, and of your delivered and failed webhooks: the queue statistics of the async webhooks guide.',
  health:
    'Whether the database and the job queue answer. 503 (same body, status `degraded`) when one does not. Needs no credentials.',
};

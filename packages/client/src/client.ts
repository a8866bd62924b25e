import { createCall } from './http/request.js';
import { resolveOptions } from './http/resolve-options.js';
import type { MalipoOptions } from './options.js';
import { Balance } from './resources/balance.js';
import { CheckoutSessions } from './resources/checkout-sessions.js';
import { Jobs } from './resources/jobs.js';
import { Payments } from './resources/payments.js';
import { Payouts } from './resources/payouts.js';
import { Refunds } from './resources/refunds.js';
import { WebhookDeliveries } from './resources/webhook-deliveries.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';

/**
 * The Malipo gateway client. One instance per set of credentials; safe to share.
 *
 * @example
 * import { Malipo } from '@malipo/client';
 *
 * const malipo = new Malipo({
 *   apiKey: process.env.MALIPO_API_KEY!,
 *   apiSecret: process.env.MALIPO_API_SECRET!,
 *   baseUrl: 'http://127.0.0.1:8000',
 * });
 * const payment = await malipo.payments.create({
 *   amount_cents: 10_000,
 *   currency: 'KES',
 *   provider: 'MPESA_SAFARICOM',
 *   metadata: { phone_number: '254712345678' },
 * });
 */
export class Malipo {
  /**
   * Payments: create (M-Pesa STK push or card), retrieve, list, query, capture, void, refund
   * and waitFor.
   */
  readonly payments: Payments;
  /** Refunds: retrieve and list (create one with `payments.refund`). */
  readonly refunds: Refunds;
  /** M-Pesa B2C payouts: create, retrieve, list. */
  readonly payouts: Payouts;
  /** What you can pay out, and the M-Pesa account balance. */
  readonly balance: Balance;
  /** Hosted checkout sessions; the browser side is `@malipo/client/checkout`. */
  readonly checkout: { readonly sessions: CheckoutSessions };
  /** Where the gateway sends your webhooks: create, list, delete. */
  readonly webhookEndpoints: WebhookEndpoints;
  /** Delivery logs and manual retry. */
  readonly webhookDeliveries: WebhookDeliveries;
  /** Background job statistics (test mode). */
  readonly jobs: Jobs;

  constructor(options: MalipoOptions) {
    const resolved = resolveOptions(options);
    const call = createCall(resolved);
    this.payments = new Payments(call);
    this.refunds = new Refunds(call);
    this.payouts = new Payouts(call);
    this.balance = new Balance(call);
    this.checkout = { sessions: new CheckoutSessions(call) };
    this.webhookEndpoints = new WebhookEndpoints(call);
    this.webhookDeliveries = new WebhookDeliveries(call);
    this.jobs = new Jobs(call);
  }
}

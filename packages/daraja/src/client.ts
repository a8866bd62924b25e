import {
  type C2bRegistration,
  type RegisterC2bUrlsInput,
  registerC2bUrls,
} from './c2b/register-urls.js';
import type { DarajaOptions } from './config/options.js';
import { resolveConfig } from './config/resolve-config.js';
import { createTransport } from './http/transport.js';
import type { AsyncRequestAccepted } from './initiator-apis/accepted.js';
import { type AccountBalanceInput, accountBalance } from './initiator-apis/account-balance.js';
import { type B2cPaymentInput, b2cPayment } from './initiator-apis/b2c-payment.js';
import { type ReversalInput, reverseTransaction } from './initiator-apis/reversal.js';
import {
  type TransactionStatusInput,
  transactionStatus,
} from './initiator-apis/transaction-status.js';
import { type PollStkOptions, pollStkResult } from './stk/poll.js';
import { type StkPushResult, stkPush } from './stk/push.js';
import type { StkPushInput } from './stk/push-input.js';
import { type StkQueryInput, type StkQueryResult, stkQuery } from './stk/query.js';
import { createTokenCache } from './token/token-cache.js';

/** A configured Daraja client. Create one per credential set and reuse it. */
export interface Daraja {
  /**
   * Sends an M-Pesa Express (STK) prompt to the customer's phone. Input is checked before any
   * network call. Never retried automatically; on a network error the push may or may not
   * have reached Daraja, so query before pushing again.
   */
  stkPush(input: StkPushInput): Promise<StkPushResult>;
  /** Asks Daraja for the state of a push. "Still processing" comes back as `status: 'pending'`. */
  stkQuery(input: StkQueryInput): Promise<StkQueryResult>;
  /**
   * Inline safety polling after a push: up to `attempts` queries `intervalMs` apart, returning
   * early once the payment settles.
   */
  pollStkResult(checkoutRequestId: string, options?: PollStkOptions): Promise<StkQueryResult>;
  /**
   * Pays a customer from the B2C shortcode (POST /mpesa/b2c/v3/paymentrequest). Needs the
   * `initiator` option. Input is checked before any network call. Resolves when Daraja accepts
   * the request; the outcome is POSTed to the result URL (`parseDarajaResult`, `readB2cResult`).
   * Never retried automatically: on a network error or 5xx the payment may or may not have been
   * made, so ask `transactionStatus({ originalConversationId })` before paying again.
   */
  b2cPayment(input: B2cPaymentInput): Promise<AsyncRequestAccepted>;
  /**
   * Reverses an M-Pesa transaction by receipt (POST /mpesa/reversal/v1/request), e.g. to refund
   * an STK payment. Needs the `initiator` option. The outcome is POSTed to the result URL
   * (`readReversalResult`). Never retried automatically.
   */
  reverseTransaction(input: ReversalInput): Promise<AsyncRequestAccepted>;
  /**
   * Asks for the state of a transaction by receipt or by the `OriginatorConversationID` of a
   * B2C payment or reversal (POST /mpesa/transactionstatus/v1/query): the fallback when a result
   * is late or lost. Needs the `initiator` option. The answer is POSTed to the result URL
   * (`readTransactionStatusResult`). A read: retried on transient failures.
   */
  transactionStatus(input: TransactionStatusInput): Promise<AsyncRequestAccepted>;
  /**
   * Asks for the balances of the B2C shortcode's accounts (POST /mpesa/accountbalance/v1/query).
   * Needs the `initiator` option. The answer is POSTed to the result URL
   * (`readAccountBalanceResult`). A read: retried on transient failures.
   */
  accountBalance(input?: AccountBalanceInput): Promise<AsyncRequestAccepted>;
  /**
   * Registers the C2B confirmation and validation URLs of a shortcode
   * (POST /mpesa/c2b/v2/registerurl). Their requests are read with `parseC2bRequest`.
   */
  registerC2bUrls(input: RegisterC2bUrlsInput): Promise<C2bRegistration>;
  /** A valid OAuth token (cached; one request at a time per credential set). */
  getAccessToken(): Promise<string>;
  /** The environment and base URL in use (no secrets). */
  readonly environment: { name: 'sandbox' | 'production' | 'custom'; baseUrl: string };
}

/**
 * Creates a Daraja client. Options are validated here; a mistake throws a
 * `DarajaConfigError` naming the option.
 *
 * @example
 * const daraja = createDaraja({
 *   environment: 'sandbox',
 *   consumerKey: process.env.MPESA_CONSUMER_KEY!,
 *   consumerSecret: process.env.MPESA_CONSUMER_SECRET!,
 *   shortcode: '174379',
 *   passkey: process.env.MPESA_PASSKEY!,
 *   callbackUrl: 'https://example.com/mpesa/callback/8f1c…',
 * });
 * const push = await daraja.stkPush({ amount: 10, phone: '0708374149', accountReference: 'INV-1', transactionDesc: 'Order 1' });
 */
export function createDaraja(options: DarajaOptions): Daraja {
  const config = resolveConfig(options);
  const transport = createTransport(config);
  const tokens = createTokenCache(config, transport);
  const query = (input: StkQueryInput) => stkQuery(config, transport, tokens, input);
  return {
    stkPush: (input) => stkPush(config, transport, tokens, input),
    stkQuery: query,
    pollStkResult: (checkoutRequestId, pollOptions) =>
      pollStkResult(
        (signal) => query({ checkoutRequestId, signal }),
        checkoutRequestId,
        pollOptions,
      ),
    b2cPayment: (input) => b2cPayment(config, transport, tokens, input),
    reverseTransaction: (input) => reverseTransaction(config, transport, tokens, input),
    transactionStatus: (input) => transactionStatus(config, transport, tokens, input),
    accountBalance: (input) => accountBalance(config, transport, tokens, input),
    registerC2bUrls: (input) => registerC2bUrls(config, transport, tokens, input),
    getAccessToken: () => tokens.get(),
    environment: { name: config.environment, baseUrl: config.baseUrl },
  };
}

import type { DarajaOptions } from './config/options.js';
import { resolveConfig } from './config/resolve-config.js';
import { createTransport } from './http/transport.js';
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
    getAccessToken: () => tokens.get(),
    environment: { name: config.environment, baseUrl: config.baseUrl },
  };
}

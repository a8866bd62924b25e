import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import type { TokenCache } from '../token/token-cache.js';
import { type AsyncRequestAccepted, sendInitiatorRequest } from './accepted.js';
import {
  parseInput,
  type ResultUrlsInput,
  requireInitiator,
  resolveResultUrls,
  text,
  wholeShillings,
} from './common.js';

/** Arguments of `reverseTransaction`. */
export interface ReversalInput extends ResultUrlsInput {
  /** The M-Pesa receipt of the transaction to reverse, e.g. `NLJ7RT61SV`. */
  transactionId: string;
  /** Whole shillings to reverse, at most the original amount. */
  amount: number;
  /** 2 to 100 characters, sent as `Remarks`. */
  remarks: string;
  /** Up to 100 characters, sent as `Occasion`. */
  occasion?: string | undefined;
  /**
   * The shortcode that received the original transaction (`ReceiverParty`).
   * @default the client's `shortcode`
   */
  receiverParty?: string | undefined;
  signal?: AbortSignal | undefined;
}

const inputSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    transactionId: z
      .string({ error: 'expected the M-Pesa receipt as a string.' })
      .check(
        z.regex(
          /^\s*[A-Za-z0-9]{6,20}\s*$/,
          'expected an M-Pesa receipt such as "NLJ7RT61SV" (letters and digits).',
        ),
      ),
    amount: wholeShillings(1, 250_000),
    remarks: text(2, 100),
    occasion: z.optional(text(0, 100)),
    receiverParty: z.optional(
      z
        .string({ error: 'expected a shortcode string.' })
        .check(z.regex(/^\d{5,7}$/, 'expected a shortcode of 5 to 7 digits.')),
    ),
  }),
);

/** POST /mpesa/reversal/v1/request. Never retried automatically. */
export async function reverseTransaction(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: ReversalInput,
): Promise<AsyncRequestAccepted> {
  const data = parseInput(inputSchema(), input, 'reverseTransaction');
  const initiator = requireInitiator(config, 'reverseTransaction');
  const urls = resolveResultUrls(config, input);
  return sendInitiatorRequest(transport, tokens, {
    what: 'reversal',
    path: '/mpesa/reversal/v1/request',
    json: {
      Initiator: initiator.name,
      SecurityCredential: initiator.securityCredential,
      CommandID: 'TransactionReversal',
      TransactionID: data.transactionId.trim().toUpperCase(),
      Amount: data.amount,
      ReceiverParty: data.receiverParty ?? config.shortcode,
      // Misspelled, and Daraja requires it misspelled. 11 = organisation shortcode.
      RecieverIdentifierType: '11',
      ResultURL: urls.resultUrl,
      QueueTimeOutURL: urls.queueTimeoutUrl,
      Remarks: data.remarks.trim(),
      Occasion: data.occasion?.trim() || undefined,
    },
    retry: false,
    signal: input.signal,
  });
}

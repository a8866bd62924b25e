import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaValidationError } from '../errors/field-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import { normalizePhone } from '../phone/normalize-phone.js';
import type { TokenCache } from '../token/token-cache.js';
import { type AsyncRequestAccepted, sendInitiatorRequest } from './accepted.js';
import {
  parseInput,
  type ResultUrlsInput,
  requireInitiator,
  resolveResultUrls,
  text,
} from './common.js';

/**
 * Arguments of `transactionStatus`. Give exactly one of `transactionId` (the M-Pesa receipt)
 * and `originalConversationId` (the `OriginatorConversationID` of a B2C payment or reversal,
 * the way to find one whose result never arrived).
 */
export interface TransactionStatusInput extends ResultUrlsInput {
  /** The M-Pesa receipt, e.g. `NLJ7RT61SV`. */
  transactionId?: string | undefined;
  /** The `OriginatorConversationID` of the request to look up. */
  originalConversationId?: string | undefined;
  /**
   * What `partyA` is: `shortcode` (IdentifierType 4), `till` (2) or `msisdn` (1).
   * @default 'shortcode'
   */
  identifierType?: 'shortcode' | 'till' | 'msisdn' | undefined;
  /**
   * The party the transaction belongs to.
   * @default the client's `b2cShortcode` (for `till`, its `tillNumber`)
   */
  partyA?: string | undefined;
  /** @default 'Transaction status query' */
  remarks?: string | undefined;
  /** Up to 100 characters, sent as `Occasion`. */
  occasion?: string | undefined;
  signal?: AbortSignal | undefined;
}

const identifierTypes = { shortcode: '4', till: '2', msisdn: '1' } as const;

const inputSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    transactionId: z.optional(
      z
        .string({ error: 'expected the M-Pesa receipt as a string.' })
        .check(
          z.regex(
            /^\s*[A-Za-z0-9]{6,20}\s*$/,
            'expected an M-Pesa receipt such as "NLJ7RT61SV" (letters and digits).',
          ),
        ),
    ),
    originalConversationId: z.optional(text(1, 100)),
    identifierType: z.optional(
      z.enum(['shortcode', 'till', 'msisdn'], {
        error: 'expected "shortcode", "till" or "msisdn".',
      }),
    ),
    partyA: z.optional(text(1, 20)),
    remarks: z.optional(text(2, 100)),
    occasion: z.optional(text(0, 100)),
  }),
);

/** POST /mpesa/transactionstatus/v1/query. A read: retried on transient failures. */
export async function transactionStatus(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: TransactionStatusInput,
): Promise<AsyncRequestAccepted> {
  const data = parseInput(inputSchema(), input, 'transactionStatus');
  if ((data.transactionId === undefined) === (data.originalConversationId === undefined)) {
    throw new DarajaValidationError(
      'transactionId',
      'pass exactly one of transactionId (the M-Pesa receipt) and originalConversationId.',
    );
  }
  const identifierType = data.identifierType ?? 'shortcode';
  const partyA = resolvePartyA(config, identifierType, data.partyA);
  const initiator = requireInitiator(config, 'transactionStatus');
  const urls = resolveResultUrls(config, input);
  return sendInitiatorRequest(transport, tokens, {
    what: 'transaction status',
    path: '/mpesa/transactionstatus/v1/query',
    json: {
      Initiator: initiator.name,
      SecurityCredential: initiator.securityCredential,
      // The docs' sample writes "Command ID" and "Transaction ID" with spaces; Daraja reads these.
      CommandID: 'TransactionStatusQuery',
      TransactionID: data.transactionId?.trim().toUpperCase(),
      OriginalConversationID: data.originalConversationId?.trim(),
      PartyA: partyA,
      IdentifierType: identifierTypes[identifierType],
      ResultURL: urls.resultUrl,
      QueueTimeOutURL: urls.queueTimeoutUrl,
      Remarks: data.remarks?.trim() ?? 'Transaction status query',
      Occasion: data.occasion?.trim() || undefined,
    },
    retry: true,
    signal: input.signal,
  });
}

function resolvePartyA(
  config: ResolvedDarajaConfig,
  identifierType: keyof typeof identifierTypes,
  partyA: string | undefined,
): string {
  if (identifierType === 'msisdn') {
    if (partyA === undefined) {
      throw new DarajaValidationError('partyA', 'identifierType "msisdn" needs the phone number.');
    }
    return normalizePhone(partyA, 'partyA');
  }
  const value =
    partyA?.trim() ?? (identifierType === 'till' ? config.tillNumber : config.b2cShortcode);
  if (value === undefined) {
    throw new DarajaValidationError(
      'partyA',
      'identifierType "till" needs the till number: pass partyA or set tillNumber in createDaraja().',
    );
  }
  if (!/^\d{5,8}$/.test(value)) {
    throw new DarajaValidationError(
      'partyA',
      `expected a shortcode or till number, got "${value}".`,
    );
  }
  return value;
}

import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
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
  wholeShillings,
} from './common.js';

/** Arguments of `b2cPayment`. */
export interface B2cPaymentInput extends ResultUrlsInput {
  /**
   * Whole Kenyan shillings, 10 to 250 000 (Daraja's B2C limits). A gateway holding
   * `amount_cents` passes `amount_cents / 100`, for multiples of 100 only.
   */
  amount: number;
  /** Recipient phone; `07…`, `01…`, `+254…` and `254…` are normalised to `2547…`/`2541…`. */
  phone: string | number;
  /**
   * The kind of payment, as agreed with Safaricom for the B2C shortcode.
   * @default 'BusinessPayment'
   */
  commandId?: 'BusinessPayment' | 'SalaryPayment' | 'PromotionPayment' | undefined;
  /** 2 to 100 characters, sent as `Remarks`. */
  remarks: string;
  /** Up to 100 characters, sent as `Occassion` (Daraja's spelling). */
  occasion?: string | undefined;
  /**
   * Your unique id for this payment; Daraja refuses a repeat with `500.002.1001`, so it doubles
   * as an idempotency key. Store it before calling: the result and transaction status find the
   * payment by it.
   * @default crypto.randomUUID()
   */
  originatorConversationId?: string | undefined;
  signal?: AbortSignal | undefined;
}

const maxAmount = 250_000;
// Daraja's B2C minimum: smaller amounts are accepted and then fail with result code 2.
const minAmount = 10;

const inputSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    amount: wholeShillings(minAmount, maxAmount),
    commandId: z.optional(
      z.enum(['BusinessPayment', 'SalaryPayment', 'PromotionPayment'], {
        error: 'expected "BusinessPayment", "SalaryPayment" or "PromotionPayment".',
      }),
    ),
    remarks: text(2, 100),
    occasion: z.optional(text(0, 100)),
    originatorConversationId: z.optional(text(1, 100)),
  }),
);

/** POST /mpesa/b2c/v3/paymentrequest. Never retried automatically. */
export async function b2cPayment(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: B2cPaymentInput,
): Promise<AsyncRequestAccepted> {
  const data = parseInput(inputSchema(), input, 'b2cPayment');
  const phone = normalizePhone(input.phone, 'phone');
  const initiator = requireInitiator(config, 'b2cPayment');
  const urls = resolveResultUrls(config, input);
  const originatorConversationId =
    data.originatorConversationId?.trim() ?? globalThis.crypto.randomUUID();
  return sendInitiatorRequest(transport, tokens, {
    what: 'B2C payment',
    path: '/mpesa/b2c/v3/paymentrequest',
    json: {
      OriginatorConversationID: originatorConversationId,
      // B2C says InitiatorName where every other initiator API says Initiator.
      InitiatorName: initiator.name,
      SecurityCredential: initiator.securityCredential,
      CommandID: data.commandId ?? 'BusinessPayment',
      Amount: data.amount,
      PartyA: config.b2cShortcode,
      PartyB: phone,
      Remarks: data.remarks.trim(),
      QueueTimeOutURL: urls.queueTimeoutUrl,
      ResultURL: urls.resultUrl,
      // Daraja's own spelling, double s.
      Occassion: data.occasion?.trim() || undefined,
    },
    retry: false,
    signal: input.signal,
    originatorConversationId,
  });
}

import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaApiError, DarajaResponseError } from '../errors/api-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import { stkPassword } from '../time/password.js';
import { darajaTimestamp } from '../time/timestamp.js';
import type { TokenCache } from '../token/token-cache.js';
import { type StkPushInput, validateStkPushInput } from './push-input.js';

/** Daraja accepted the push: the customer is being prompted. The outcome comes later. */
export interface StkPushResult {
  /** Daraja's id for the request (`""` in the rare answer that omits it); match on `checkoutRequestId`. */
  merchantRequestId: string;
  /** The id to match the callback and to query with. Unique per push. */
  checkoutRequestId: string;
  /** Always `"0"`: accepted for processing (not paid). */
  responseCode: string;
  responseDescription: string;
  customerMessage: string;
  /** The phone number that was prompted, normalised. */
  phone: string;
  /** The `Timestamp` sent (Kenyan time). */
  timestamp: string;
  /** The body as received. */
  raw: unknown;
}

// Only what proves the push was accepted is required: rejecting an accepted push over a missing
// description would report a prompted customer as a failure (and invite a second prompt).
const pushResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    MerchantRequestID: z.nullish(z.string()),
    CheckoutRequestID: z.string().check(z.minLength(1)),
    ResponseCode: z.union([z.string(), z.number()]),
    ResponseDescription: z.nullish(z.string()),
    CustomerMessage: z.nullish(z.string()),
  }),
);

export async function stkPush(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: StkPushInput,
): Promise<StkPushResult> {
  const fields = validateStkPushInput(config, input);
  // One clock read for both Timestamp and Password (two reads can straddle a second).
  const timestamp = darajaTimestamp(config.now());
  const till = config.tillNumber;
  const json = {
    BusinessShortCode: config.shortcode,
    Password: stkPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    TransactionType: till ? 'CustomerBuyGoodsOnline' : 'CustomerPayBillOnline',
    Amount: fields.amount,
    PartyA: fields.phone,
    PartyB: till ?? config.shortcode,
    PhoneNumber: fields.phone,
    CallBackURL: fields.callbackUrl,
    AccountReference: fields.accountReference,
    TransactionDesc: fields.transactionDesc,
  };
  const { body } = await tokens.withToken((token) =>
    transport({
      method: 'POST',
      path: '/mpesa/stkpush/v1/processrequest',
      headers: { Authorization: `Bearer ${token}` },
      json,
      retry: false,
      signal: input.signal,
    }),
  );
  const parsed = pushResponse().safeParse(body);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaResponseError('STK push', `${path}: ${message}`, body);
  }
  const data = parsed.data;
  if (String(data.ResponseCode) !== '0') {
    throw new DarajaApiError({
      status: 200,
      errorCode: String(data.ResponseCode),
      errorMessage: data.ResponseDescription ?? undefined,
      requestId: data.MerchantRequestID ?? undefined,
      bodyKind: 'envelope',
      raw: body,
    });
  }
  return {
    merchantRequestId: data.MerchantRequestID ?? '',
    checkoutRequestId: data.CheckoutRequestID,
    responseCode: '0',
    responseDescription: data.ResponseDescription ?? '',
    customerMessage: data.CustomerMessage ?? '',
    phone: fields.phone,
    timestamp,
    raw: body,
  };
}

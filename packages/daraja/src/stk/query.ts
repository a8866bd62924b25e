import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaResponseError, isDarajaApiError } from '../errors/api-errors.js';
import { DarajaValidationError } from '../errors/field-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import { describeStkCode, type ResultCategory, type StkStatus } from '../result-codes/stk-codes.js';
import { stkPassword } from '../time/password.js';
import { darajaTimestamp } from '../time/timestamp.js';
import type { TokenCache } from '../token/token-cache.js';

/** Arguments of `stkQuery`. */
export interface StkQueryInput {
  /** `CheckoutRequestID` returned by the push. */
  checkoutRequestId: string;
  signal?: AbortSignal | undefined;
}

/** What every STK query result carries, whatever its `status`. */
export interface StkQueryFields {
  /** The request this result is about. */
  checkoutRequestId: string;
  merchantRequestId: string | undefined;
  /** Daraja's result code as a string (`"4999"` and `"500.001.1001"` mean pending). */
  code: string;
  /** Daraja's description text. For display only: classification uses the code. */
  description: string;
  category: ResultCategory;
  /** A message fit to show the customer. */
  customerMessage: string;
  /** The body as received. */
  raw: unknown;
}

/**
 * The state of an STK request, discriminated on `status`. Both of Daraja's "still processing"
 * answers (HTTP 500 `500.001.1001` and HTTP 200 `ResultCode "4999"`) are `pending`, never a failure.
 */
export type StkQueryResult = { [S in StkStatus]: StkQueryFields & { status: S } }[StkStatus];

const queryResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    ResultCode: z.union([z.string(), z.number()]),
    ResultDesc: z.optional(z.string()),
    MerchantRequestID: z.optional(z.string()),
    CheckoutRequestID: z.optional(z.string()),
  }),
);

const stillProcessing = /being processed|under processing/i;

export async function stkQuery(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: StkQueryInput,
): Promise<StkQueryResult> {
  const checkoutRequestId =
    typeof input === 'object' && input !== null ? input.checkoutRequestId : undefined;
  if (typeof checkoutRequestId !== 'string' || checkoutRequestId.trim() === '') {
    throw new DarajaValidationError(
      'checkoutRequestId',
      'expected the CheckoutRequestID returned by stkPush().',
    );
  }
  const timestamp = darajaTimestamp(config.now());
  const json = {
    BusinessShortCode: config.shortcode,
    Password: stkPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    CheckoutRequestID: checkoutRequestId,
  };
  let body: unknown;
  try {
    ({ body } = await tokens.withToken((token) =>
      transport({
        method: 'POST',
        path: '/mpesa/stkpushquery/v1/query',
        headers: { Authorization: `Bearer ${token}` },
        json,
        retry: true,
        signal: input.signal,
      }),
    ));
  } catch (error) {
    // The older "pending" answer is an HTTP 500. The same code also means wrong credentials,
    // so the message decides here (and only here: result codes are classified by code).
    if (
      isDarajaApiError(error) &&
      error.errorCode === '500.001.1001' &&
      stillProcessing.test(error.errorMessage ?? '')
    ) {
      const info = describeStkCode('4999');
      return {
        status: 'pending',
        checkoutRequestId,
        merchantRequestId: undefined,
        code: '500.001.1001',
        description: error.errorMessage ?? info.description,
        category: 'pending',
        customerMessage: info.customerMessage,
        raw: error.raw,
      };
    }
    throw error;
  }
  const parsed = queryResponse().safeParse(body);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaResponseError('STK query', `${path}: ${message}`, body);
  }
  if (String(parsed.data.ResultCode).trim() === '') {
    throw new DarajaResponseError('STK query', 'ResultCode: empty', body);
  }
  const info = describeStkCode(parsed.data.ResultCode);
  return {
    // A callback is final whatever its code; a query answer is not. A code the catalogue does not
    // know may be a new "still processing" answer: keep asking (reconciliation expires it in the
    // end) rather than fail a payment the customer may yet complete.
    status: info.category === 'unknown' ? 'pending' : info.status,
    checkoutRequestId: parsed.data.CheckoutRequestID ?? checkoutRequestId,
    merchantRequestId: parsed.data.MerchantRequestID,
    code: info.code,
    description: parsed.data.ResultDesc ?? info.description,
    category: info.category,
    customerMessage: info.customerMessage,
    raw: body,
  } as StkQueryResult;
}

import * as z from 'zod/mini';
import { requireCallbackUrl } from '../config/callback-url.js';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaApiError, DarajaResponseError } from '../errors/api-errors.js';
import { DarajaValidationError } from '../errors/field-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import type { TokenCache } from '../token/token-cache.js';

/** Arguments of `registerC2bUrls`. */
export interface RegisterC2bUrlsInput {
  /** Where Daraja POSTs each completed payment (answer with `acknowledgeC2bConfirmation`). */
  confirmationUrl: string;
  /**
   * Where Daraja asks whether to accept a payment (answer with `acceptC2bValidation` or
   * `rejectC2bValidation` within about 8 s). Used only once Safaricom enables external
   * validation for the shortcode.
   */
  validationUrl: string;
  /**
   * What Daraja does when the validation URL does not answer in time: `Completed` accepts the
   * payment, `Cancelled` refuses it. Sentence case, as Daraja requires.
   */
  responseType: 'Completed' | 'Cancelled';
  /** @default the client's `shortcode` */
  shortcode?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Daraja registered the URLs. */
export interface C2bRegistration {
  /** Daraja's id of the request (it spells the field `OriginatorCoversationID`). */
  originatorConversationId: string;
  /** Always `"0"`. */
  responseCode: '0';
  /** `"Success"`. */
  responseDescription: string;
  /** The body as received. */
  raw: unknown;
}

// Daraja's C2B URL rules: these words anywhere in the URL, in any case, get it rejected.
const forbiddenWords = /m-?pesa|safaricom|exe|cmd|sql|query/i;

const inputSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    confirmationUrl: z.string({ error: 'expected a URL string.' }),
    validationUrl: z.string({ error: 'expected a URL string.' }),
    responseType: z.enum(['Completed', 'Cancelled'], {
      error: 'expected "Completed" or "Cancelled" (sentence case, as Daraja requires).',
    }),
    shortcode: z.optional(
      z
        .string({ error: 'expected the shortcode as a string of digits.' })
        .check(z.regex(/^\d{5,7}$/, 'expected a shortcode of 5 to 7 digits.')),
    ),
  }),
);

// Daraja spells the id "OriginatorCoversationID"; accept the correct spelling too.
const registerResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    OriginatorCoversationID: z.nullish(z.string()),
    OriginatorConversationID: z.nullish(z.string()),
    ResponseCode: z.union([z.string(), z.number()]),
    ResponseDescription: z.nullish(z.string()),
  }),
);

/**
 * POST /mpesa/c2b/v2/registerurl. Not retried automatically: in production URLs are registered
 * once, and a repeat answers "Urls are already registered".
 */
export async function registerC2bUrls(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: RegisterC2bUrlsInput,
): Promise<C2bRegistration> {
  if (typeof input !== 'object' || input === null) {
    throw new DarajaValidationError('(root)', 'registerC2bUrls() needs an object argument.');
  }
  const parsed = inputSchema().safeParse(input);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaValidationError(path, message);
  }
  const urls = {} as Record<'confirmationUrl' | 'validationUrl', string>;
  for (const field of ['confirmationUrl', 'validationUrl'] as const) {
    const url = requireCallbackUrl(config, field, parsed.data[field], undefined, 'URL');
    const word = forbiddenWords.exec(url);
    if (word) {
      throw new DarajaValidationError(
        field,
        `Daraja rejects C2B URLs containing "${word[0]}" (M-Pesa, Safaricom, exe, exec, cmd, sql and query are refused in any case); choose another path or host name.`,
      );
    }
    urls[field] = url;
  }
  const { body } = await tokens.withToken((token) =>
    transport({
      method: 'POST',
      path: '/mpesa/c2b/v2/registerurl',
      headers: { Authorization: `Bearer ${token}` },
      json: {
        ShortCode: parsed.data.shortcode ?? config.shortcode,
        ResponseType: parsed.data.responseType,
        ConfirmationURL: urls.confirmationUrl,
        ValidationURL: urls.validationUrl,
      },
      retry: false,
      signal: input.signal,
    }),
  );
  const answer = registerResponse().safeParse(body);
  if (!answer.success) {
    const { path, message } = firstIssue(answer.error);
    throw new DarajaResponseError('C2B URL registration', `${path}: ${message}`, body);
  }
  const data = answer.data;
  const id = data.OriginatorCoversationID ?? data.OriginatorConversationID ?? '';
  if (String(data.ResponseCode).trim() !== '0') {
    throw new DarajaApiError({
      status: 200,
      errorCode: String(data.ResponseCode),
      errorMessage: data.ResponseDescription ?? undefined,
      requestId: id || undefined,
      bodyKind: 'envelope',
      raw: body,
    });
  }
  return {
    originatorConversationId: id,
    responseCode: '0',
    responseDescription: data.ResponseDescription ?? '',
    raw: body,
  };
}

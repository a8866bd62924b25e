import * as z from 'zod/mini';
import { DarajaApiError, DarajaResponseError } from '../errors/api-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import type { TokenCache } from '../token/token-cache.js';

/**
 * Daraja accepted an asynchronous request (B2C payment, reversal, transaction status or account
 * balance query). Nothing has happened yet: the outcome is POSTed to the `ResultURL` later (read
 * it with `parseDarajaResult`), or to the `QueueTimeOutURL` if it timed out in Daraja's queue.
 */
export interface AsyncRequestAccepted {
  /** Daraja's id of the request (`AG_20191219_00004e48cf7e3533f581`); the result carries it. */
  conversationId: string;
  /**
   * The originator's id: the one you sent for a B2C payment, else the one Daraja made. The
   * result carries it too; transaction status can query by it.
   */
  originatorConversationId: string;
  /** Always `"0"`: accepted for processing (not done). */
  responseCode: '0';
  responseDescription: string;
  /** The body as received. */
  raw: unknown;
}

// Only what proves acceptance is required; a non-zero answer may lack the ids altogether.
const acceptedResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    ConversationID: z.nullish(z.string()),
    OriginatorConversationID: z.nullish(z.string()),
    ResponseCode: z.union([z.string(), z.number()]),
    ResponseDescription: z.nullish(z.string()),
  }),
);

/** One initiator API call. */
export interface InitiatorRequest {
  /** For error messages, e.g. `'B2C payment'`. */
  what: string;
  path: string;
  json: Record<string, unknown>;
  /**
   * Reads (status, balance) retry transient failures; money movements (B2C, reversal) never
   * retry automatically: a retry could pay or reverse twice.
   */
  retry: boolean;
  signal: AbortSignal | undefined;
  /** The `OriginatorConversationID` sent, when the caller chose it (B2C). */
  originatorConversationId?: string | undefined;
}

/** Sends an initiator API request and reads Daraja's synchronous acceptance. */
export async function sendInitiatorRequest(
  transport: DarajaTransport,
  tokens: TokenCache,
  request: InitiatorRequest,
): Promise<AsyncRequestAccepted> {
  // An invalid-token answer (401.002.01, 400.003.01…) comes before Daraja looks at the request,
  // so the single refresh-and-retry of withToken cannot move money twice.
  const { body } = await tokens.withToken((token) =>
    transport({
      method: 'POST',
      path: request.path,
      headers: { Authorization: `Bearer ${token}` },
      json: request.json,
      retry: request.retry,
      signal: request.signal,
    }),
  );
  const parsed = acceptedResponse().safeParse(body);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaResponseError(request.what, `${path}: ${message}`, body);
  }
  const data = parsed.data;
  if (String(data.ResponseCode).trim() !== '0') {
    throw new DarajaApiError({
      status: 200,
      errorCode: String(data.ResponseCode),
      errorMessage: data.ResponseDescription ?? undefined,
      requestId: data.OriginatorConversationID ?? undefined,
      bodyKind: 'envelope',
      raw: body,
    });
  }
  if (!data.ConversationID) {
    throw new DarajaResponseError(request.what, 'ConversationID: missing', body);
  }
  return {
    conversationId: data.ConversationID,
    originatorConversationId:
      data.OriginatorConversationID || request.originatorConversationId || '',
    responseCode: '0',
    responseDescription: data.ResponseDescription ?? '',
    raw: body,
  };
}

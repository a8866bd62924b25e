import {
  isWebhookVerificationError,
  type WebhookVerificationError,
} from '../errors/webhook-error.js';
import type { CoreResponse } from './types.js';

const jsonHeaders = { 'content-type': 'application/json' };

export function jsonResponse(
  status: number,
  body: unknown,
  processing?: Promise<void>,
): CoreResponse {
  return { status, headers: { ...jsonHeaders }, body: JSON.stringify(body), processing };
}

/** A terse error answer: the code and the message, never a stack or the expected signature. */
export function errorResponse(error: WebhookVerificationError): CoreResponse {
  const headers: Record<string, string> = { ...jsonHeaders };
  if (error.status === 405) headers.allow = 'POST';
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ error: { code: error.code, message: error.message } }),
  };
}

/**
 * A core's answer to a failure: the error's own status for a `WebhookVerificationError`, else
 * a 500 with `internalErrorBody`, so the sender retries and learns nothing about the cause.
 */
export function failureResponse(error: unknown, internalErrorBody: unknown): CoreResponse {
  return isWebhookVerificationError(error)
    ? errorResponse(error)
    : jsonResponse(500, internalErrorBody);
}

/** Writes a core's answer as a Fetch `Response`. */
export function toFetchResponse(response: CoreResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

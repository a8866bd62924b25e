import {
  MalipoApiError,
  MalipoAuthenticationError,
  MalipoConflictError,
  MalipoIdempotencyError,
  MalipoInvalidRequestError,
  MalipoNotFoundError,
  MalipoPaymentRequiredError,
  MalipoProviderError,
  MalipoRateLimitError,
  MalipoServerError,
} from './api-errors.js';
import type { ResponseMeta } from './malipo-error.js';

type Envelope = { error?: { code?: unknown; message?: unknown; field?: unknown } };

function decode(body: unknown): Envelope | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Envelope;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Envelope) : undefined;
}

/** Longest gateway message quoted in an error's message (`raw` keeps the whole body). */
const maxQuoted = 1_000;

/** The gateway's text as one log-safe line: no control characters (no ANSI escapes), capped. */
function quoted(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length > maxQuoted
    ? `${line.slice(0, maxQuoted)}… (${line.length} characters)`
    : line;
}

/**
 * A redirect, which the client never follows (it would carry the API key and secret wherever
 * it points). A browser shows it only as status 0 (an opaque redirect).
 */
function redirectError(meta: ResponseMeta, body: unknown): MalipoApiError {
  const location = meta.headers.get('location');
  return new MalipoApiError(
    meta,
    'redirect_not_followed',
    `the gateway answered ${meta.status === 0 ? 'a redirect' : `HTTP ${meta.status}`}${location ? ` to ${quoted(location).slice(0, 200)}` : ''}; redirects are not followed: set baseUrl to the address that answers.`,
    undefined,
    body,
  );
}

/** Maps an error answer to the class for its status and code. */
export function errorFromResponse(meta: ResponseMeta, body: unknown): MalipoApiError {
  if (meta.status === 0 || (meta.status >= 300 && meta.status < 400))
    return redirectError(meta, body);
  const error = decode(body)?.error;
  const code = typeof error?.code === 'string' ? error.code.slice(0, 100) : `HTTP_${meta.status}`;
  const message =
    typeof error?.message === 'string'
      ? quoted(error.message)
      : `the gateway answered HTTP ${meta.status}.`;
  const field = typeof error?.field === 'string' ? quoted(error.field).slice(0, 200) : undefined;
  const args = [meta, code, `${message}${field ? ` (field: ${field})` : ''}`, field, body] as const;
  if (code === 'IDEMPOTENCY_KEY_REUSED' || code === 'IDEMPOTENCY_KEY_IN_USE')
    return new MalipoIdempotencyError(...args);
  switch (meta.status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return new MalipoInvalidRequestError(...args);
    case 401:
    case 403:
      return new MalipoAuthenticationError(...args);
    case 402:
      return new MalipoPaymentRequiredError(...args);
    case 404:
      return new MalipoNotFoundError(...args);
    case 409:
      return new MalipoConflictError(...args);
    case 429:
      return new MalipoRateLimitError(...args);
    case 502:
      return new MalipoProviderError(...args);
  }
  return meta.status >= 500 ? new MalipoServerError(...args) : new MalipoApiError(...args);
}

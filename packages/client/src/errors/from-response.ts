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

/** Maps an error answer to the class for its status and code. */
export function errorFromResponse(meta: ResponseMeta, body: unknown): MalipoApiError {
  const error = decode(body)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${meta.status}`;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `the gateway answered HTTP ${meta.status}.`;
  const field = typeof error?.field === 'string' ? error.field : undefined;
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

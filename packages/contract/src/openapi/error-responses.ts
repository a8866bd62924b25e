import { type ErrorCode, errorCodes } from '../common/errors.js';
import { responseHeaders } from './headers.js';
import type { JsonObject } from './json-schema.js';

const names: Record<number, [name: string, when: string, example: ErrorCode, message: string]> = {
  400: [
    'BadRequest',
    'The request is invalid; `field` names the input at fault.',
    'INVALID_AMOUNT',
    'M-Pesa takes whole shillings: amount_cents must be a multiple of 100 (10000 is KES 100).',
  ],
  401: [
    'Unauthorized',
    'X-API-Key and X-API-Secret are missing or do not match.',
    'AUTHENTICATION_FAILED',
    'Invalid API credentials: send a valid X-API-Key and X-API-Secret pair.',
  ],
  402: [
    'PaymentRequired',
    'Your balance cannot cover this.',
    'INSUFFICIENT_BALANCE',
    'The balance cannot cover this payout.',
  ],
  403: [
    'Forbidden',
    "The key's mode is not set up on this gateway: a live key without production M-Pesa credentials.",
    'MODE_NOT_CONFIGURED',
    'Live mode is not configured on this gateway: its operator must set the production M-Pesa credentials. Use a test key (sk_test_…) meanwhile.',
  ],
  404: [
    'NotFound',
    'Nothing with this id belongs to you.',
    'NOT_FOUND',
    'No payment pay_3k9x2m7q1w8e5r4t6y0u.',
  ],
  409: [
    'Conflict',
    'The object is not in a state that allows this, or a request with the same Idempotency-Key is still running.',
    'IDEMPOTENCY_KEY_IN_USE',
    'A request with this Idempotency-Key is still being processed: retry in a moment.',
  ],
  413: [
    'PayloadTooLarge',
    'The body is larger than the gateway accepts.',
    'PAYLOAD_TOO_LARGE',
    'The body is larger than 65536 bytes.',
  ],
  415: [
    'UnsupportedMediaType',
    'The body was not sent as JSON.',
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the body as JSON with the header Content-Type: application/json.',
  ],
  422: [
    'UnprocessableContent',
    'The Idempotency-Key was used before with another body.',
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was used with another body: use a new key for a new request.',
  ],
  429: [
    'TooManyRequests',
    'Over the rate limit of your API key: wait `Retry-After` seconds.',
    'RATE_LIMITED',
    'Rate limit of 600 requests a minute reached: retry after 12 s.',
  ],
  500: [
    'InternalError',
    'Something failed on the gateway. Retrying with the same Idempotency-Key is safe.',
    'INTERNAL_ERROR',
    'Something went wrong on our side (request req_2b6f0j4n8r1v5z9d3h7l).',
  ],
  502: [
    'BadGateway',
    'The provider refused the request or did not answer.',
    'PROVIDER_ERROR',
    'M-Pesa refused the payment request: the initiator information is invalid.',
  ],
  503: [
    'ServiceUnavailable',
    'The provider is down (its circuit is open after repeated failures): retry after `Retry-After` seconds, or list another provider.',
    'SERVICE_UNAVAILABLE',
    'MPESA_SAFARICOM is down (its circuit is open after repeated failures): retry in at most 30 s, or list another provider in providers.',
  ],
};

const codesFor = (status: number) =>
  Object.entries(errorCodes)
    .filter(([, s]) => s === status)
    .map(([code]) => `\`${code}\``)
    .join(', ');

/** The `components.responses` name of an error status. */
export function errorResponseName(status: number): string {
  const entry = names[status];
  if (!entry) throw new Error(`@malipo/contract: no error response for status ${status}.`);
  return entry[0];
}

/** `components.responses` for the given error statuses. */
export function errorResponseComponents(statuses: Iterable<number>): Record<string, JsonObject> {
  const components: Record<string, JsonObject> = {};
  for (const status of [...new Set(statuses)].sort()) {
    const [name, when, code, message] = names[status] ?? [];
    if (!name) throw new Error(`@malipo/contract: no error response for status ${status}.`);
    components[name] = {
      description: `${when} Codes: ${codesFor(status)}.`,
      headers: responseHeaders({ retryAfter: status === 429 }),
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/Error' },
          example: {
            success: false,
            error: { code, message, field: status === 400 ? 'amount_cents' : null },
          },
        },
      },
    };
  }
  return components;
}

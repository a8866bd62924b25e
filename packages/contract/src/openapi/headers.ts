import type { JsonObject } from './json-schema.js';

const header = (description: string, schema: JsonObject, example: unknown, required = false) => ({
  description,
  required,
  schema,
  example,
});
const seconds = { type: 'integer', minimum: 0 };
const limit = 'The request budget of the current window.';
const remaining = 'Requests left in the current window.';
const reset = 'Seconds until the window resets.';
// Per API key; unauthenticated calls and failed credentials count per client address.
const onEvery = ' On every answer: per API key, or per client address before authentication.';

/** Response headers the gateway sends (`components.headers`). */
export const headerComponents = {
  XRequestId: header(
    'Id of this request: quote it when asking for help. The `X-Request-Id` you sent when it is 1 to 64 letters, digits, `.`, `_` or `-`.',
    { type: 'string' },
    'req_2b6f0j4n8r1v5z9d3h7l',
    true,
  ),
  RetryAfter: header('Seconds to wait before retrying.', seconds, 12, true),
  IdempotentReplayed: header(
    'true when this answer is the replay of an earlier request with the same Idempotency-Key.',
    { type: 'string', enum: ['true'] },
    'true',
  ),
  RateLimitLimit: header(limit + onEvery, seconds, 600, true),
  RateLimitRemaining: header(remaining + onEvery, seconds, 599, true),
  RateLimitReset: header(reset + onEvery, seconds, 42, true),
  XRateLimitLimit: header(`${limit} Same as RateLimit-Limit.${onEvery}`, seconds, 600, true),
  XRateLimitRemaining: header(
    `${remaining} Same as RateLimit-Remaining.${onEvery}`,
    seconds,
    599,
    true,
  ),
  XRateLimitReset: header(`${reset} Same as RateLimit-Reset.${onEvery}`, seconds, 42, true),
};

const use = (name: keyof typeof headerComponents) => ({ $ref: `#/components/headers/${name}` });

/** The headers of one response. */
export function responseHeaders(options: { replayable?: boolean; retryAfter?: boolean } = {}) {
  return {
    'X-Request-Id': use('XRequestId'),
    ...(options.retryAfter ? { 'Retry-After': use('RetryAfter') } : {}),
    ...(options.replayable ? { 'Idempotent-Replayed': use('IdempotentReplayed') } : {}),
    'RateLimit-Limit': use('RateLimitLimit'),
    'RateLimit-Remaining': use('RateLimitRemaining'),
    'RateLimit-Reset': use('RateLimitReset'),
    'X-RateLimit-Limit': use('XRateLimitLimit'),
    'X-RateLimit-Remaining': use('XRateLimitRemaining'),
    'X-RateLimit-Reset': use('XRateLimitReset'),
  };
}

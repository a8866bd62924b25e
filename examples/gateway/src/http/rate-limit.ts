import type { Context } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error.js';

/** Takes one request from a bucket, or refuses with `RATE_LIMITED`; sets the headers either way. */
export type ConsumeRate = (c: Context, bucket: string) => Promise<void>;

/**
 * A fixed window of `perMinute` requests per bucket (an API key, or a client address for
 * unauthenticated calls), with rate-limiter-flexible (maintained, in memory per process). Every
 * answer says where the caller stands: `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds), as the IETF draft names them, and their `X-RateLimit-*` twins.
 */
export function createRateLimit(perMinute: number): ConsumeRate {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (c, bucket) => {
    let standing: RateLimiterRes;
    try {
      standing = await limiter.consume(bucket);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      setHeaders(c, perMinute, error);
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `Rate limit of ${perMinute} requests a minute reached: retry after ${retryAfter} s.`,
        undefined,
        retryAfter,
      );
    }
    setHeaders(c, perMinute, standing);
  };
}

function setHeaders(c: Context, limit: number, standing: RateLimiterRes): void {
  const remaining = String(Math.max(0, standing.remainingPoints));
  const reset = String(Math.max(0, Math.ceil(standing.msBeforeNext / 1000)));
  for (const prefix of ['RateLimit', 'X-RateLimit']) {
    c.header(`${prefix}-Limit`, String(limit));
    c.header(`${prefix}-Remaining`, remaining);
    c.header(`${prefix}-Reset`, reset);
  }
}

/** The bucket of an unauthenticated caller: its socket address. */
export function addressBucket(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return `address:${env?.incoming?.socket?.remoteAddress ?? 'unknown'}`;
}

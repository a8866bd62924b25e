import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../errors/domain-error.js';
import { secretMatches } from '../merchants/credentials.js';
import type { AppEnv } from './app-env.js';
import { addressBucket, type ConsumeRate } from './rate-limit.js';

/**
 * `Authorization: Bearer <admin token>` for the operator routes, compared in constant time against
 * its SHA-256. Every call counts against the caller's address, so guessing is rate limited.
 */
export function adminAuth(tokenHash: string, consume: ConsumeRate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await consume(c, addressBucket(c));
    const presented = /^Bearer\s+(\S{1,200})$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!presented || !secretMatches(presented, tokenHash)) {
      throw new DomainError(
        'AUTHENTICATION_FAILED',
        'Operator routes need Authorization: Bearer <admin token> (ADMIN_TOKEN, or the admin-token file beside the embedded database).',
      );
    }
    await next();
  };
}

import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../db/database.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv, AuthedMerchant } from '../http/app-env.js';
import { secretMatches } from '../merchants/credentials.js';

interface KeyRow {
  id: string;
  merchant_id: string;
  secret_hash: string;
  mode: 'test' | 'live';
  webhook_secret: string;
}

const rejected = () =>
  new ApiError(
    'AUTHENTICATION_FAILED',
    'Invalid API credentials: send a valid X-API-Key and X-API-Secret pair.',
  );

/**
 * `X-API-Key` + `X-API-Secret` authentication with a per-key rate limit. The secret is compared
 * in constant time against its SHA-256 at rest; an unknown key costs the same hash as a known
 * one, so timing says nothing about which keys exist.
 */
export function authenticate(
  db: Database,
  options: { perMinute: number },
): MiddlewareHandler<AppEnv> {
  // rate-limiter-flexible: a maintained fixed-window limiter; in memory per process.
  const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });
  return async (c, next) => {
    const key = c.req.header('x-api-key');
    const secret = c.req.header('x-api-secret');
    if (!key || !secret) {
      throw new ApiError(
        'AUTHENTICATION_FAILED',
        'Missing credentials: send the X-API-Key and X-API-Secret headers.',
      );
    }
    if (key.length > 200 || secret.length > 200) throw rejected();
    const rows = await db.query<KeyRow>(
      `select k.id, k.merchant_id, k.secret_hash, k.mode, m.webhook_secret
       from api_keys k join merchants m on m.id = k.merchant_id
       where k.key = $1 and k.revoked_at is null`,
      [key],
    );
    const row = rows[0];
    const matches = secretMatches(secret, row?.secret_hash ?? '0'.repeat(64));
    if (!row || !matches) throw rejected();
    try {
      await limiter.consume(row.id);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new ApiError(
        'RATE_LIMITED',
        `Rate limit of ${options.perMinute} requests a minute reached: retry after ${retryAfter} s.`,
        undefined,
        { 'Retry-After': String(retryAfter) },
      );
    }
    const merchant: AuthedMerchant = {
      merchantId: row.merchant_id,
      keyId: row.id,
      mode: row.mode,
      webhookSecret: row.webhook_secret,
    };
    c.set('merchant', merchant);
    await next();
  };
}

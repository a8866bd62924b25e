import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../errors/domain-error.js';
import { secretMatches } from '../merchants/credentials.js';
import type { KeyLookup } from '../merchants/key-lookup.js';
import type { AppEnv } from './app-env.js';
import { addressBucket, type ConsumeRate } from './rate-limit.js';

const rejected = () =>
  new DomainError(
    'AUTHENTICATION_FAILED',
    'Invalid API credentials: send a valid X-API-Key and X-API-Secret pair.',
  );

/**
 * `X-API-Key` + `X-API-Secret` authentication, then the key's rate limit. The secret is compared
 * in constant time against its SHA-256 at rest; an unknown key costs the same hash as a known
 * one, so timing says nothing about which keys exist. Failed attempts count against the caller's
 * address, never against the key they named.
 */
export function authenticate(keys: KeyLookup, consume: ConsumeRate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('x-api-key');
    const secret = c.req.header('x-api-secret');
    if (!key || !secret) {
      await consume(c, addressBucket(c));
      throw new DomainError(
        'AUTHENTICATION_FAILED',
        'Missing credentials: send the X-API-Key and X-API-Secret headers.',
      );
    }
    const row = key.length > 200 || secret.length > 200 ? undefined : await keys.find(key);
    const matches = secretMatches(secret.slice(0, 200), row?.secret_hash ?? '0'.repeat(64));
    if (!row || !matches) {
      await consume(c, addressBucket(c));
      throw rejected();
    }
    await consume(c, `key:${row.id}`);
    c.set('merchant', {
      merchantId: row.merchant_id,
      keyId: row.id,
      mode: row.mode,
    });
    await next();
  };
}

import type { MiddlewareHandler } from 'hono';
import type { Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import { adminTokenSetting } from '../merchants/admin-token.js';
import { secretMatches } from '../merchants/credentials.js';
import { readSetting } from '../stores/merchants-store.js';
import type { AppEnv } from './app-env.js';
import { addressBucket, type ConsumeRate } from './rate-limit.js';

/**
 * `Authorization: Bearer <admin token>` for the operator routes, compared in constant time against
 * its SHA-256. Every call counts against the caller's address, so guessing is rate limited.
 */
export function adminAuth(
  tokenHash: () => Promise<string>,
  consume: ConsumeRate,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await consume(c, addressBucket(c));
    const presented = /^Bearer\s+(\S{1,200})$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!presented || !secretMatches(presented, await tokenHash())) {
      throw new DomainError(
        'AUTHENTICATION_FAILED',
        'Operator routes need Authorization: Bearer <admin token> (ADMIN_TOKEN, or the admin-token file beside the embedded database).',
      );
    }
    await next();
  };
}

/**
 * The stored admin token's hash, read again at most every `maxAgeMs`: when a process starts with
 * a new `ADMIN_TOKEN` (the old one leaked), every other process sharing the database takes the
 * new one within seconds and refuses the old one, instead of accepting it until it restarts.
 */
export function storedAdminTokenHash(
  db: Queryable,
  known: string,
  maxAgeMs = 5_000,
): () => Promise<string> {
  let cached = { hash: known, at: Date.now() };
  return async () => {
    if (Date.now() - cached.at < maxAgeMs) return cached.hash;
    const stored = await readSetting(db, adminTokenSetting);
    cached = { hash: stored ?? cached.hash, at: Date.now() };
    return cached.hash;
  };
}

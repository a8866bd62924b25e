import { randomBytes } from 'node:crypto';
import { postgresTestUrl } from '../../../../scripts/test-support/postgres-url.js';

/** The PostgreSQL the root global setup found or started (`PG_TEST_URL`). */
export const postgresUrl = postgresTestUrl();

/** The Redis the CI machine runs; override with REDIS_TEST_URL. */
export const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** A name no other test run uses, for tables and key prefixes. */
export const uniqueName = (kind: string) => `malipo_test_${kind}_${randomBytes(5).toString('hex')}`;

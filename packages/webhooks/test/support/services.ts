import { randomBytes } from 'node:crypto';

/** The PostgreSQL the CI machine runs (trust auth, database `test`); override with PG_TEST_URL. */
export const postgresUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the CI machine runs; override with REDIS_TEST_URL. */
export const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** A name no other test run uses, for tables and key prefixes. */
export const uniqueName = (kind: string) => `malipo_test_${kind}_${randomBytes(5).toString('hex')}`;

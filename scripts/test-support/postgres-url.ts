/**
 * Where the test suites find PostgreSQL. The root vitest global setup (`postgres.ts` beside this
 * file) resolves it before any test worker starts and puts it in `PG_TEST_URL`.
 */

/** CI's PostgreSQL (trust auth, database `test`): tried first when `PG_TEST_URL` is unset. */
export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL for the tests: `PG_TEST_URL`, which the global setup always sets (to an existing
 * server or to the one it started). The default only serves a run that bypasses the root config.
 */
export const postgresTestUrl = (): string => process.env.PG_TEST_URL ?? defaultPostgresUrl;

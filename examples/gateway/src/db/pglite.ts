import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from 'pg-boss';
import lockfile from 'proper-lockfile';
import { bossAdapter, type Database, type Queryable } from './database.js';

/** Thrown when another process already holds the data folder. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another gateway process. PGlite is single-process: ` +
        'stop the other process, point DATA_DIR elsewhere, or use DATABASE_URL=postgres://… to run several processes.',
    );
  }
}

/**
 * Opens PGlite in `dataDir` (or in memory for `memory://`), locked against a second process. The
 * lock is released on close; a lock left by a killed process goes stale after 5 s.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // A lock left by a killed process is stale after 5 s; a restart waits that long for it.
      release = await lockfile.lock(dataDir, {
        stale: 5_000,
        update: 1_000,
        realpath: false,
        retries: { retries: 8, minTimeout: 500, maxTimeout: 1_000 },
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
      throw error;
    }
  }
  const db = await PGlite.create(dataDir);
  const query: Queryable['query'] = async <Row>(sql: string, params?: readonly unknown[]) =>
    (await db.query<Row>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query,
    boss: bossAdapter(query),
    bossOptions: { db: fromPglite(db), backend: 'pglite' },
    transaction: (work) =>
      db.transaction(async (tx) => {
        const txQuery: Queryable['query'] = async <Row>(sql: string, params?: readonly unknown[]) =>
          (await tx.query<Row>(sql, params as unknown[])).rows;
        return work({ query: txQuery, boss: bossAdapter(txQuery) });
      }),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      await release?.();
    },
  };
}

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseKind } from './databases.js';

/** Runs one query on a stopped gateway's database, to check its durable records directly. */
export async function queryStopped<T>(
  kind: DatabaseKind,
  env: Record<string, string>,
  sql: string,
): Promise<T[]> {
  if (kind === 'postgres') {
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      return (await db.query(sql)).rows as T[];
    } finally {
      await db.end();
    }
  }
  const db = await PGlite.create(env.DATA_DIR as string);
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.close();
  }
}

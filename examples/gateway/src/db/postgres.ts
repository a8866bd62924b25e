import pg from 'pg';
import { bossAdapter, type Database, type Queryable } from './database.js';

// int8 (money in cents, counts) arrives as a string; keep it exact and convert where read.
/** Opens a pool on `url` and checks it answers. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  const query: Queryable['query'] = async <Row>(sql: string, params?: readonly unknown[]) =>
    (await pool.query(sql, params as unknown[])).rows as Row[];
  return {
    kind: 'postgres',
    query,
    boss: bossAdapter(query),
    bossOptions: { connectionString: url, max: 4 },
    async transaction(work) {
      const client = await pool.connect();
      const txQuery: Queryable['query'] = async <Row>(sql: string, params?: readonly unknown[]) =>
        (await client.query(sql, params as unknown[])).rows as Row[];
      try {
        await client.query('begin');
        const result = await work({ query: txQuery, boss: bossAdapter(txQuery) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPostgres } from '../src/db/postgres.js';
import { createStatementNames } from '../src/db/statement-names.js';
import { type ScratchDatabase, scratchDatabase } from './support/databases.js';

describe('statement names', () => {
  it('names one plain statement per text, up to the limit; never several statements or DDL', () => {
    const names = createStatementNames(2);
    const first = names.query('select * from payments where id = $1', ['pay_1']);
    expect(first.name).toMatch(/^malipo_[0-9a-f]{24}$/);
    expect(names.query('select * from payments where id = $1', ['pay_2'])).toEqual({
      name: first.name,
      text: 'select * from payments where id = $1',
      values: ['pay_2'],
    });
    expect(names.nameOf('select * from payments where id = $1')).toBe(first.name);
    expect(names.query('create table t (a int)', undefined).name).toBeUndefined();
    expect(names.nameOf('create table t (a int)')).toBeUndefined();
    expect(names.query('update t set a = 1; update t set a = 2', undefined).name).toBeUndefined();
    expect(names.query(' WITH x AS (select 1) select * from x', []).name).toMatch(/^malipo_/);
    // The limit is reached: a new text runs unnamed.
    expect(names.query('delete from t where a = $1', [1]).name).toBeUndefined();
    names.forget('select * from payments where id = $1');
    expect(names.query('select * from payments where id = $1', []).name).toBeUndefined();
  });
});

describe('named statements on PostgreSQL', () => {
  let database: ScratchDatabase;
  let db: Database;
  let url: string;
  beforeAll(async () => {
    database = await scratchDatabase('postgres');
    url = database.env.DATABASE_URL as string;
    // One connection: every statement below runs in the same session.
    db = await openPostgres(url, { max: 1 });
    await db.exec('create table widgets (id int primary key, name text)');
    await db.query('insert into widgets (id, name) values ($1, $2)', [1, 'first']);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** Another process's migration: a column added to the table. */
  const migrateElsewhere = async (column: string) => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query(`alter table widgets add column ${column} int`);
    await other.end();
  };

  it('are prepared once on the connection and reused', async () => {
    for (let i = 0; i < 3; i++) await db.query('select * from widgets where id = $1', [1]);
    const prepared = await db.query<{ statement: string }>(
      `select statement from pg_prepared_statements where name like 'malipo\\_%'`,
    );
    expect(prepared.map((row) => row.statement)).toContain('select * from widgets where id = $1');
  });

  it('a statement whose table another process changed runs again, unnamed, with the new columns', async () => {
    expect(await db.query('select * from widgets where id = $1', [1])).toEqual([
      { id: 1, name: 'first' },
    ]);
    await migrateElsewhere('size');
    expect(await db.query('select * from widgets where id = $1', [1])).toEqual([
      { id: 1, name: 'first', size: null },
    ]);
  });

  it('a transaction whose named statement went stale is run again and commits once', async () => {
    const text = 'update widgets set name = $2 where id = $1 returning *';
    await db.transaction((tx) => tx.query(text, [1, 'second']));
    await migrateElsewhere('weight');
    let runs = 0;
    const rows = await db.transaction(async (tx) => {
      runs++;
      return tx.query(text, [1, 'third']);
    });
    expect(runs).toBe(2);
    expect(rows).toEqual([{ id: 1, name: 'third', size: null, weight: null }]);
    expect(await db.query('select name from widgets where id = $1', [1])).toEqual([
      { name: 'third' },
    ]);
  });
});

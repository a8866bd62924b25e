import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openPglite } from '../src/db/pglite.js';
import { pgliteStatements } from '../src/db/pglite-statements.js';

/** A promise and the call that resolves it. */
function signal(): [Promise<void>, () => void] {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return [promise, resolve];
}

describe('named statements on PGlite', () => {
  let raw: PGlite;
  let db: Database;
  beforeAll(async () => {
    raw = await PGlite.create('memory://');
    await raw.exec(`create table things (
      id text primary key, amount bigint, total numeric, at timestamptz, tags text[],
      body jsonb, flag boolean, note text)`);
    db = await openPglite('memory://');
    await db.exec('create table widgets (id int primary key, name text)');
  });
  afterAll(async () => {
    await raw.close();
    await db.close();
  });

  it('stores and reads every kind of value exactly as PGlite.query does', async () => {
    const named = pgliteStatements(raw);
    const at = new Date('2026-11-29T10:00:00.123Z');
    const insert = `insert into things (id, amount, total, at, tags, body, flag, note)
      values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`;
    const values = [
      'a',
      9_007_199_254_740_993n,
      '12.50',
      at,
      ['x', 'y, z', '"q"'],
      { k: [1, 'é'] },
      true,
      null,
    ];
    const viaNamed = await named.query(insert, values);
    const viaQuery = (await raw.query(insert, ['b', ...values.slice(1)])).rows;
    expect(viaNamed).toEqual([{ ...(viaQuery[0] as object), id: 'a' }]);
    expect(viaNamed[0]).toMatchObject({
      amount: 9_007_199_254_740_993n,
      at,
      tags: ['x', 'y, z', '"q"'],
      note: null,
    });
    // The same text again runs the statement parsed the first time, with new values.
    const select = 'select id, body from things where id = $1';
    expect(await named.query(select, ['a'])).toEqual([{ id: 'a', body: { k: [1, 'é'] } }]);
    expect(await named.query(select, ['b'])).toEqual([{ id: 'b', body: { k: [1, 'é'] } }]);
    expect(await named.query(select, ['none'])).toEqual([]);
    expect(await named.query('update things set note = $2 where id = $1', ['a', 'n'])).toEqual([]);
  });

  it('answers a failed statement with PostgreSQL’s error, and runs the next one', async () => {
    const named = pgliteStatements(raw);
    const insert = 'insert into things (id) values ($1)';
    await named.query(insert, ['dup']);
    await expect(named.query(insert, ['dup'])).rejects.toMatchObject({ code: '23505' });
    await expect(named.query('select nope from things', [])).rejects.toMatchObject({
      code: '42703',
    });
    await expect(named.query('select $1::int as n', ['x'])).rejects.toMatchObject({
      code: '22P02',
    });
    expect(await named.query('select $1::int as n', ['7'])).toEqual([{ n: 7 }]);
  });

  it('runs in the caller’s transaction: rolled back with it, and alone while it is open', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into widgets (id, name) values ($1, $2)', [1, 'rolled back']);
        expect(await tx.query('select name from widgets where id = $1', [1])).toEqual([
          { name: 'rolled back' },
        ]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.query('select name from widgets where id = $1', [1])).toEqual([]);

    // A statement outside the transaction, sent while it is open, waits for it to end: it never
    // runs inside it (it would see the uncommitted row).
    const [held, release] = signal();
    const [open, opened] = signal();
    const order: string[] = [];
    const transaction = db.transaction(async (tx) => {
      await tx.query('insert into widgets (id, name) values ($1, $2)', [2, 'in the transaction']);
      opened();
      await held;
      order.push('transaction ends');
      await tx.query('delete from widgets where id = $1', [2]);
    });
    await open;
    const outside = db
      .query<{ n: string }>('select count(*)::text as n from widgets where id = $1', [2])
      .then((rows) => order.push(`outside saw ${rows[0]?.n}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['transaction ends', 'outside saw 0']);
  });

  it('refuses a statement that reaches the database once it is closing, as PGlite.query does', async () => {
    const closing = await openPglite('memory://');
    await closing.query('select $1::int as n', [1]);
    // A transaction holds the database while close() waits for it; a statement queued behind the
    // close runs only once PGlite is closing.
    const [held, release] = signal();
    const [open, opened] = signal();
    const transaction = closing.transaction(async () => {
      opened();
      await held;
    });
    await open;
    const closed = closing.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const late = closing.query('select $1::int as n', [2]);
    release();
    await transaction;
    await expect(late).rejects.toThrow(/PGlite is clos/);
    await closed;
    await expect(closing.query('select $1::int as n', [3])).rejects.toThrow(/PGlite is clos/);
  });

  it('refuses a statement on a transaction that has ended', async () => {
    let kept: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept?.query('select 1 as one from widgets where id = $1', [1])).rejects.toThrow(
      'Transaction is closed',
    );
  });
});

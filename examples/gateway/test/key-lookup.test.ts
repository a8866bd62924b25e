import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { keyLookup } from '../src/merchants/key-lookup.js';
import { type ScratchDatabase, scratchDatabase } from './support/databases.js';

async function seed(db: Database) {
  await migrate(db);
  await db.query(`insert into merchants (id, name) values ('mer_1', 'Duka')`);
  await db.query(
    `insert into api_keys (id, merchant_id, key, secret_hash, mode) values ('key_1', 'mer_1', 'sk_test_1', 'hash_one', 'test')`,
  );
}

describe('API keys remembered on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite('memory://');
    await seed(db);
  });
  afterAll(() => db.close());

  it('remembers a key until any statement changes keys', async () => {
    const keys = await keyLookup(db);
    expect(await keys.find('sk_test_1')).toMatchObject({ id: 'key_1', secret_hash: 'hash_one' });

    // Remembered: with the notification switched off, a change goes unseen …
    await db.exec('alter table api_keys disable trigger api_keys_changed');
    await db.query(`update api_keys set secret_hash = 'hash_unseen' where id = 'key_1'`);
    expect(await keys.find('sk_test_1')).toMatchObject({ secret_hash: 'hash_one' });
    await db.exec('alter table api_keys enable trigger api_keys_changed');

    // … and with it on, every change is seen by the next lookup, however it was made.
    await db.query(`update api_keys set secret_hash = 'hash_two' where id = 'key_1'`);
    expect(await keys.find('sk_test_1')).toMatchObject({ secret_hash: 'hash_two' });
    await db.transaction((tx) =>
      tx.query(`update api_keys set revoked_at = now() where id = $1`, ['key_1']),
    );
    expect(await keys.find('sk_test_1')).toBeUndefined();
    await db.query(`update api_keys set revoked_at = null where id = 'key_1'`);
    expect(await keys.find('sk_test_1')).toMatchObject({ id: 'key_1', secret_hash: 'hash_two' });

    // An unknown key is remembered as unknown (from memory it answers as fast as a known one),
    // until a key is added.
    expect(await keys.find('sk_test_2')).toBeUndefined();
    await db.exec('alter table api_keys disable trigger api_keys_changed');
    await db.query(
      `insert into api_keys (id, merchant_id, key, secret_hash, mode) values ('key_2', 'mer_1', 'sk_test_2', 'hash_2', 'test')`,
    );
    expect(await keys.find('sk_test_2')).toBeUndefined();
    await db.exec('alter table api_keys enable trigger api_keys_changed');
    await db.query(`update api_keys set mode = 'test' where id = 'key_2'`);
    expect(await keys.find('sk_test_2')).toMatchObject({ id: 'key_2', secret_hash: 'hash_2' });
  });
});

describe('API keys on PostgreSQL', () => {
  let database: ScratchDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await scratchDatabase('postgres');
    db = await openPostgres(database.env.DATABASE_URL as string, { max: 2 });
    await seed(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('reads the key on every lookup: another process may change it unseen', async () => {
    const keys = await keyLookup(db);
    expect(await keys.find('sk_test_1')).toMatchObject({ secret_hash: 'hash_one' });
    await db.exec('alter table api_keys disable trigger api_keys_changed');
    await db.query(`update api_keys set revoked_at = now() where id = 'key_1'`);
    expect(await keys.find('sk_test_1')).toBeUndefined();
  });
});

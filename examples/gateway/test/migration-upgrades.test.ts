import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import {
  merchantsSharingWebhookSecrets,
  rotateWebhookSecret,
} from '../src/stores/merchants-store.js';

/** A database left by an earlier version: every migration before `id` applied. */
async function databaseBefore(db: Database, id: string) {
  await db.exec(
    'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
  );
  for (const migration of migrations) {
    if (migration.id === id) return;
    await db.exec(migration.sql);
    await db.query('insert into schema_migrations (id) values ($1)', [migration.id]);
  }
  throw new Error(`no migration ${id}`);
}

describe('upgrading a database with data in it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite('memory://');
  });
  afterAll(() => db.close());

  it("a merchant's one webhook secret, mid-rotation, signs both modes' events after the upgrade", async () => {
    await databaseBefore(db, '020_webhook_secret_per_mode');
    await db.query(
      `insert into merchants (id, name, webhook_secret, previous_webhook_secret, previous_webhook_secret_until)
       values ('mer_1', 'Duka', 'whsec_current', 'whsec_previous', now() + interval '1 hour')`,
    );
    await migrate(db);
    expect(
      await db.query(
        `select mode, secret, previous_secret, previous_secret_until > now() as overlapping
         from merchant_webhook_secrets where merchant_id = 'mer_1' order by mode`,
      ),
    ).toEqual([
      {
        mode: 'live',
        secret: 'whsec_current',
        previous_secret: 'whsec_previous',
        overlapping: true,
      },
      {
        mode: 'test',
        secret: 'whsec_current',
        previous_secret: 'whsec_previous',
        overlapping: true,
      },
    ]);
    // Each start warns about it until the live secret is rotated and its overlap has ended.
    expect(await merchantsSharingWebhookSecrets(db)).toEqual(['mer_1']);
    await rotateWebhookSecret(db, { merchantId: 'mer_1', mode: 'live' }, 'whsec_live', 0);
    expect(await merchantsSharingWebhookSecrets(db)).toEqual(['mer_1']); // the older one overlaps
    await db.query(
      `update merchant_webhook_secrets set older_secret_until = now() where merchant_id = 'mer_1'`,
    );
    expect(await merchantsSharingWebhookSecrets(db)).toEqual([]);
  });
});

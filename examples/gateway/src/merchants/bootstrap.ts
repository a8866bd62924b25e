import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { newId, randomToken } from '../ids/ids.js';
import { hashSecret } from './credentials.js';

/** Credentials of the test merchant, shown once when it is created. */
export interface TestMerchant {
  merchantId: string;
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  created: boolean;
}

/**
 * Creates the test merchant on first run. The API secret is stored only as a hash, so it is
 * returned (to print) only when it was just created; later runs return `created: false` and no
 * secret. The webhook secret signs deliveries, so it is kept and can be shown again.
 */
export async function ensureTestMerchant(
  db: Database,
  given: {
    apiKey?: string | undefined;
    apiSecret?: string | undefined;
    webhookSecret?: string | undefined;
  },
): Promise<TestMerchant> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7242002)');
    const existing = await tx.query<{ id: string; webhook_secret: string; key: string }>(
      `select m.id, m.webhook_secret, k.key from merchants m join api_keys k on k.merchant_id = m.id
       where k.mode = 'test' and k.revoked_at is null order by m.created_at, k.created_at limit 1`,
    );
    const row = existing[0];
    if (row) {
      return {
        merchantId: row.id,
        apiKey: row.key,
        apiSecret: '',
        webhookSecret: row.webhook_secret,
        created: false,
      };
    }
    const merchantId = newId('mer');
    const apiKey = given.apiKey ?? `sk_test_${randomToken(18)}`;
    const apiSecret = given.apiSecret ?? `secret_${randomToken(24)}`;
    const webhookSecret = given.webhookSecret ?? `whsec_${randomBytes(32).toString('base64')}`;
    await tx.query('insert into merchants (id, name, webhook_secret) values ($1, $2, $3)', [
      merchantId,
      'Test merchant',
      webhookSecret,
    ]);
    await tx.query(
      `insert into api_keys (id, merchant_id, key, secret_hash, mode) values ($1, $2, $3, $4, 'test')`,
      [newId('key'), merchantId, apiKey, hashSecret(apiSecret)],
    );
    return { merchantId, apiKey, apiSecret, webhookSecret, created: true };
  });
}

/** A process-wide secret kept in the database (the callback path token), made on first use. */
export async function ensureSetting(
  db: Database,
  name: string,
  make: () => string,
): Promise<string> {
  await db.query(
    'insert into settings (name, value) values ($1, $2) on conflict (name) do nothing',
    [name, make()],
  );
  const rows = await db.query<{ value: string }>('select value from settings where name = $1', [
    name,
  ]);
  return (rows[0] as { value: string }).value;
}

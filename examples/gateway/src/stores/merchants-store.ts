import type { Queryable } from '../db/database.js';

/** An active API key with what authentication needs. */
export interface ApiKeyRow {
  id: string;
  merchant_id: string;
  secret_hash: string;
  mode: 'test' | 'live';
  webhook_secret: string;
}

export async function findActiveKey(db: Queryable, key: string): Promise<ApiKeyRow | undefined> {
  const rows = await db.query<ApiKeyRow>(
    `select k.id, k.merchant_id, k.secret_hash, k.mode, m.webhook_secret
     from api_keys k join merchants m on m.id = k.merchant_id
     where k.key = $1 and k.revoked_at is null`,
    [key],
  );
  return rows[0];
}

/** Serialises merchant bootstrap across processes starting together (transaction-scoped). */
export async function lockMerchantBootstrap(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(7242002)');
}

/** The oldest merchant's first active test key, if any. */
export async function findTestMerchant(
  db: Queryable,
): Promise<{ id: string; webhook_secret: string; key: string } | undefined> {
  const rows = await db.query<{ id: string; webhook_secret: string; key: string }>(
    `select m.id, m.webhook_secret, k.key from merchants m join api_keys k on k.merchant_id = m.id
     where k.mode = 'test' and k.revoked_at is null order by m.created_at, k.created_at limit 1`,
  );
  return rows[0];
}

export async function firstMerchantId(db: Queryable): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'select id from merchants order by created_at limit 1',
  );
  return rows[0]?.id;
}

export async function insertMerchant(
  tx: Queryable,
  merchant: { id: string; name: string; webhookSecret: string },
): Promise<void> {
  await tx.query('insert into merchants (id, name, webhook_secret) values ($1, $2, $3)', [
    merchant.id,
    merchant.name,
    merchant.webhookSecret,
  ]);
}

export async function insertApiKey(
  tx: Queryable,
  key: { id: string; merchantId: string; key: string; secretHash: string; mode: 'test' | 'live' },
): Promise<void> {
  await tx.query(
    'insert into api_keys (id, merchant_id, key, secret_hash, mode) values ($1, $2, $3, $4, $5)',
    [key.id, key.merchantId, key.key, key.secretHash, key.mode],
  );
}

/** A process-wide setting, created with `value` when missing; returns the stored value. */
export async function ensureSettingValue(
  db: Queryable,
  name: string,
  value: string,
): Promise<string> {
  await db.query(
    'insert into settings (name, value) values ($1, $2) on conflict (name) do nothing',
    [name, value],
  );
  const rows = await db.query<{ value: string }>('select value from settings where name = $1', [
    name,
  ]);
  return (rows[0] as { value: string }).value;
}

import type { Queryable } from '../db/database.js';
import type { Mode, Scope } from './rows.js';
import { rotationSet, signingSecrets } from './secret-rotation.js';

/** An active API key with what authentication needs. */
export interface ApiKeyRow {
  id: string;
  merchant_id: string;
  secret_hash: string;
  mode: 'test' | 'live';
}

export async function findActiveKey(db: Queryable, key: string): Promise<ApiKeyRow | undefined> {
  const rows = await db.query<ApiKeyRow>(
    `select k.id, k.merchant_id, k.secret_hash, k.mode
     from api_keys k where k.key = $1 and k.revoked_at is null`,
    [key],
  );
  return rows[0];
}

/** Serialises merchant bootstrap across processes starting together (transaction-scoped). */
export async function lockMerchantBootstrap(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(7242002)');
}

/**
 * The test merchant: the oldest merchant (the one the first start created, and the one `key`
 * issues keys to), with its first active test key, if it has one left.
 */
export async function findTestMerchant(
  db: Queryable,
): Promise<{ id: string; webhook_secret: string; key: string | null } | undefined> {
  const rows = await db.query<{ id: string; webhook_secret: string; key: string | null }>(
    `select m.id,
       (select s.secret from merchant_webhook_secrets s where s.merchant_id = m.id and s.mode = 'test')
         as webhook_secret,
       (select k.key from api_keys k where k.merchant_id = m.id and k.mode = 'test'
          and k.revoked_at is null order by k.created_at limit 1) as key
     from merchants m order by m.created_at limit 1`,
  );
  return rows[0];
}

export async function firstMerchantId(db: Queryable): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'select id from merchants order by created_at limit 1',
  );
  return rows[0]?.id;
}

/** A merchant, with the secrets its test and its live events are signed with. */
export async function insertMerchant(
  tx: Queryable,
  merchant: { id: string; name: string; webhookSecrets: Record<Mode, string> },
): Promise<void> {
  await tx.query('insert into merchants (id, name) values ($1, $2)', [merchant.id, merchant.name]);
  await tx.query(
    `insert into merchant_webhook_secrets (merchant_id, mode, secret)
     values ($1, 'test', $2), ($1, 'live', $3)`,
    [merchant.id, merchant.webhookSecrets.test, merchant.webhookSecrets.live],
  );
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

/** A key as operators see it: never its secret. */
export interface KeyListing {
  id: string;
  key: string;
  mode: 'test' | 'live';
  created_at: Date | string;
  revoked_at: Date | string | null;
}

export function listKeys(db: Queryable, merchantId: string) {
  return db.query<KeyListing>(
    `select id, key, mode, created_at, revoked_at from api_keys where merchant_id = $1
     order by created_at, id`,
    [merchantId],
  );
}

/** Revokes an active key (effective on the next request); false when none was revoked. */
export async function revokeKey(db: Queryable, keyId: string): Promise<boolean> {
  const rows = await db.query(
    'update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
    [keyId],
  );
  return rows.length > 0;
}

/** Revokes one of the merchant's active keys of `mode`; false when it has no such key. */
export async function revokeMerchantKey(
  db: Queryable,
  scope: { merchantId: string; mode: 'test' | 'live' },
  keyId: string,
): Promise<boolean> {
  const rows = await db.query(
    `update api_keys set revoked_at = now()
     where id = $1 and merchant_id = $2 and mode = $3 and revoked_at is null returning id`,
    [keyId, scope.merchantId, scope.mode],
  );
  return rows.length > 0;
}

/** Replaces an active key's secret hash; the key itself stays. Returns its key, or undefined. */
export async function replaceKeySecret(
  db: Queryable,
  keyId: string,
  secretHash: string,
): Promise<{ key: string; mode: 'test' | 'live' } | undefined> {
  const rows = await db.query<{ key: string; mode: 'test' | 'live' }>(
    'update api_keys set secret_hash = $2 where id = $1 and revoked_at is null returning key, mode',
    [keyId, secretHash],
  );
  return rows[0];
}

/**
 * Merchants (up to `limit`) whose test and live events are signed with a common secret: created
 * before each mode had its own, and neither rotated since (an overlap's secret counts).
 */
export async function merchantsSharingWebhookSecrets(db: Queryable, limit = 20): Promise<string[]> {
  const rows = await db.query<{ merchant_id: string }>(
    `select t.merchant_id
     from merchant_webhook_secrets t
     join merchant_webhook_secrets l on l.merchant_id = t.merchant_id and l.mode = 'live'
     where t.mode = 'test'
       and array_remove(${signingSecrets('t')}, null) && array_remove(${signingSecrets('l')}, null)
     order by t.merchant_id limit $1`,
    [limit],
  );
  return rows.map((row) => row.merchant_id);
}

/**
 * Sets a new webhook secret for one mode's events; the old one keeps signing beside it for
 * `overlapSeconds`. A rotation during an overlap keeps the secret before too, until its own
 * overlap ends.
 */
export async function rotateWebhookSecret(
  db: Queryable,
  scope: Scope,
  secret: string,
  overlapSeconds: number,
): Promise<{ until: Date | string } | undefined> {
  const rows = await db.query<{ until: Date | string }>(
    `update merchant_webhook_secrets set ${rotationSet('$3', '$4')}
     where merchant_id = $1 and mode = $2 returning previous_secret_until as until`,
    [scope.merchantId, scope.mode, secret, overlapSeconds],
  );
  return rows[0];
}

export async function merchantExists(db: Queryable, merchantId: string): Promise<boolean> {
  return (await db.query('select 1 from merchants where id = $1', [merchantId])).length > 0;
}

/** The merchant's display name (shown to its customers on hosted pages). */
export async function merchantName(db: Queryable, merchantId: string): Promise<string> {
  const rows = await db.query<{ name: string }>('select name from merchants where id = $1', [
    merchantId,
  ]);
  return rows[0]?.name ?? '';
}

/** A process-wide setting's value, or undefined. */
export async function readSetting(db: Queryable, name: string): Promise<string | undefined> {
  const rows = await db.query<{ value: string }>('select value from settings where name = $1', [
    name,
  ]);
  return rows[0]?.value;
}

/** Sets several settings in one transaction-capable statement each. */
export async function writeSetting(db: Queryable, name: string, value: string): Promise<void> {
  await db.query(
    `insert into settings (name, value) values ($1, $2)
     on conflict (name) do update set value = excluded.value`,
    [name, value],
  );
}

import { keyHolderLockClass, type Queryable } from '../db/database.js';

/** A key as the idempotency layer reads it. */
export interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  resource_id: string | null;
  /** The request that holds (or held) the key. */
  owner: string;
  locked: boolean;
  expired: boolean;
}

export interface KeyRef {
  merchantId: string;
  mode: 'test' | 'live';
  key: string;
}

/** Who claims a key: the request (`owner`, fencing its writes) and the process it runs in. */
export interface Claimant {
  owner: string;
  /** The process's key-holder id (`Database.holder`); null on PGlite and while it has none. */
  holder: number | null;
}

/**
 * SQL: the key is locked — its lock time runs and its holder process lives. A holder lives while
 * its session advisory lock is granted in this database; PostgreSQL ends the lock with the
 * process, so a key whose process died is free at once, not after its lock time.
 */
const keyLocked = `(idempotency_keys.locked_until > now() and (idempotency_keys.holder is null or exists (
  select 1 from pg_locks l
  where l.locktype = 'advisory' and l.granted and l.objsubid = 2
    and l.database = (select oid from pg_database where datname = current_database())
    and l.classid = ${keyHolderLockClass} and l.objid = idempotency_keys.holder)))`;

/** A key not taken yet, with what taking it stores: the request's fingerprint and its claimant. */
export interface NewKey extends KeyRef {
  hash: string;
  claimant: Claimant;
  lockSeconds: number;
}

/**
 * SQL: the insert that takes a new key (nothing when the key exists), returning `key`. `at(n)`
 * names the statement's placeholder for the n-th of {@link newKeyValues}; `resource` is the SQL
 * of the resource id it records (`null` for none yet).
 */
export function takeKeySql(at: (n: number) => string, resource = 'null'): string {
  return `insert into idempotency_keys (merchant_id, key, request_hash, state, locked_until, expires_at, owner, mode, holder, resource_id)
     values (${at(0)}, ${at(1)}, ${at(2)}, 'in_flight', now() + make_interval(secs => ${at(3)}), now() + interval '24 hours', ${at(4)}, ${at(5)}, ${at(6)}, ${resource})
     on conflict (merchant_id, mode, key) do nothing returning key`;
}

/** The values {@link takeKeySql} refers to, in its order. */
export function newKeyValues(key: NewKey): unknown[] {
  return [
    key.merchantId,
    key.key,
    key.hash,
    key.lockSeconds,
    key.claimant.owner,
    key.mode,
    key.claimant.holder,
  ];
}

/** Takes a new key; false when the key exists. */
export async function insertKey(db: Queryable, key: NewKey): Promise<boolean> {
  const rows = await db.query(
    takeKeySql((n) => `$${n + 1}`),
    newKeyValues(key),
  );
  return rows.length === 1;
}

/**
 * Takes a new key with the resource it created, inside the caller's transaction; false when the
 * key exists.
 */
export async function insertKeyWithResource(
  tx: Queryable,
  key: NewKey,
  resourceId: string,
): Promise<boolean> {
  const rows = await tx.query(
    takeKeySql((n) => `$${n + 1}`, '$8'),
    [...newKeyValues(key), resourceId],
  );
  return rows.length === 1;
}

export async function readKey(db: Queryable, ref: KeyRef): Promise<KeyRow | undefined> {
  const rows = await db.query<KeyRow>(
    `select request_hash, state, response_status, response_body, resource_id, owner,
            ${keyLocked} as locked, expires_at <= now() as expired
     from idempotency_keys where merchant_id = $1 and key = $2 and mode = $3`,
    [ref.merchantId, ref.key, ref.mode],
  );
  return rows[0];
}

export async function deleteExpiredKey(db: Queryable, ref: KeyRef): Promise<void> {
  await db.query(
    'delete from idempotency_keys where merchant_id = $1 and key = $2 and mode = $3 and expires_at <= now()',
    [ref.merchantId, ref.key, ref.mode],
  );
}

/**
 * Takes over a key whose lock ran out or whose holder process died (compare-and-set on the lock).
 * Returns the resource the previous holder attached, `null` for none, or undefined when another
 * took it.
 */
export async function takeOverKey(
  db: Queryable,
  ref: KeyRef,
  claimant: Claimant,
  lockSeconds: number,
): Promise<string | null | undefined> {
  const rows = await db.query<{ resource_id: string | null }>(
    `update idempotency_keys set locked_until = now() + make_interval(secs => $3), owner = $4, holder = $6
     where merchant_id = $1 and key = $2 and mode = $5 and state = 'in_flight' and not ${keyLocked}
     returning resource_id`,
    [ref.merchantId, ref.key, lockSeconds, claimant.owner, ref.mode, claimant.holder],
  );
  return rows[0] === undefined ? undefined : rows[0].resource_id;
}

/** Ties the created resource to the key; false when `owner` no longer holds it. */
export async function attachResource(
  tx: Queryable,
  ref: KeyRef,
  owner: string,
  resourceId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `update idempotency_keys set resource_id = $4
     where merchant_id = $1 and key = $2 and mode = $5 and owner = $3 and resource_id is null returning key`,
    [ref.merchantId, ref.key, owner, resourceId, ref.mode],
  );
  return rows.length > 0;
}

/**
 * After a failed request: a key with a resource is unlocked (a retry recovers the resource), one
 * without is deleted (a retry starts afresh). Fenced on `owner`.
 */
export async function releaseKey(db: Queryable, ref: KeyRef, owner: string): Promise<void> {
  await db.query(
    `update idempotency_keys set locked_until = now()
     where merchant_id = $1 and key = $2 and mode = $4 and owner = $3 and resource_id is not null`,
    [ref.merchantId, ref.key, owner, ref.mode],
  );
  await db.query(
    `delete from idempotency_keys
     where merchant_id = $1 and key = $2 and mode = $4 and owner = $3 and state = 'in_flight' and resource_id is null`,
    [ref.merchantId, ref.key, owner, ref.mode],
  );
}

/** Stores the answer to replay, fenced on `owner`; false when `owner` does not hold the key. */
export async function completeKey(
  db: Queryable,
  ref: KeyRef,
  owner: string,
  response: { status: number; body: string },
): Promise<boolean> {
  const rows = await db.query(
    `update idempotency_keys set state = 'done', response_status = $4, response_body = $5
     where merchant_id = $1 and key = $2 and mode = $6 and owner = $3 returning key`,
    [ref.merchantId, ref.key, owner, response.status, response.body, ref.mode],
  );
  return rows.length > 0;
}

/**
 * Stores an answer under a key that was never taken, as done; a key that exists keeps its own.
 */
export async function insertAnsweredKey(
  db: Queryable,
  key: NewKey,
  response: { status: number; body: string },
): Promise<void> {
  await db.query(
    `insert into idempotency_keys (merchant_id, key, request_hash, state, locked_until, expires_at, owner, mode, holder, response_status, response_body)
     values ($1, $2, $3, 'done', now(), now() + interval '24 hours', $4, $5, $6, $7, $8)
     on conflict (merchant_id, mode, key) do nothing`,
    [
      key.merchantId,
      key.key,
      key.hash,
      key.claimant.owner,
      key.mode,
      key.claimant.holder,
      response.status,
      response.body,
    ],
  );
}

/**
 * Ends the locks of requests still in flight: for PGlite at start, whose data folder only one
 * process can open, so every holder is dead and a retry may take its key over at once.
 */
export async function releaseOrphanedKeys(db: Queryable): Promise<number> {
  const rows = await db.query<{ key: string }>(
    `update idempotency_keys set locked_until = now()
     where state = 'in_flight' and locked_until > now() returning key`,
  );
  return rows.length;
}

/**
 * `@malipo/webhooks/stores/postgres` — an {@link IdempotencyStore} in a PostgreSQL table, so
 * that every process receiving the same sender's webhooks runs the handler once per delivery.
 * A claim is one `insert … on conflict` keyed on the delivery id; leases and expiry use the
 * database's clock. Bring your own `pg` pool (or anything with the same `query`): this module
 * imports no driver.
 *
 * @module @malipo/webhooks/stores/postgres
 */

import { WebhookOptionsError } from '../errors/options-error.js';
import type { DeliveryState, IdempotencyStore } from '../idempotency/store.js';
import { quoteTableName } from '../internal/sql-identifier.js';

/**
 * The one method the store calls: `pg`'s `Pool` and `Client`, `@electric-sql/pglite` and
 * most wrappers have it. Values are bound parameters (`$1`, `$2`, …), never interpolated.
 */
export interface PostgresQueryable {
  /** Runs one statement with bound `values` and returns its rows. */
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount?: number | null | undefined }>;
}

/** Options of {@link createPostgresIdempotencyStore}. */
export interface PostgresIdempotencyStoreOptions {
  /** A `pg.Pool` (shared by your app is fine), a `pg.Client`, or another {@link PostgresQueryable}. */
  pool: PostgresQueryable;
  /**
   * The table, optionally schema-qualified (`webhooks.deliveries`). Letters, digits and `_`.
   * @default 'malipo_webhook_deliveries'
   */
  table?: string | undefined;
}

/** A PostgreSQL-backed {@link IdempotencyStore}, with its table's upkeep. */
export interface PostgresIdempotencyStore extends IdempotencyStore {
  /**
   * Creates the table and its expiry index if missing; safe to run from several processes at
   * start. Or copy {@link PostgresIdempotencyStore.schema} into your migrations.
   */
  setup(): Promise<void>;
  /** Deletes expired rows and returns how many; run it from a scheduled job (hourly is plenty). */
  prune(): Promise<number>;
  /** The `create table` and `create index` statements `setup` runs. */
  readonly schema: string;
}

/**
 * An {@link IdempotencyStore} in PostgreSQL, for several processes or hosts sharing one
 * database. Run `setup()` once (or its `schema` in a migration) before the first delivery.
 *
 * @example
 * import pg from 'pg';
 * import { createPostgresIdempotencyStore } from '@malipo/webhooks/stores/postgres';
 *
 * const store = createPostgresIdempotencyStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await store.setup();
 * export const POST = createWebhookHandler({ secret, store, onEvent });
 */
export function createPostgresIdempotencyStore(
  options: PostgresIdempotencyStoreOptions,
): PostgresIdempotencyStore {
  const { pool } = options;
  if (typeof pool?.query !== 'function') {
    throw new WebhookOptionsError(
      'pool',
      'expected a pg Pool or Client (anything with query(text, values)).',
    );
  }
  const { quoted, bare } = quoteTableName(options.table ?? 'malipo_webhook_deliveries');
  const expiresIn = (param: string) =>
    `now() + ${param}::double precision * interval '1 millisecond'`;
  const statements = [
    `create table if not exists ${quoted} (
  delivery_id text primary key,
  state text not null check (state in ('in_progress', 'done')),
  owner text not null,
  expires_at timestamptz not null
)`,
    `create index if not exists "${bare.slice(0, 48)}_expires_at_idx" on ${quoted} (expires_at)`,
  ];

  const claim = `insert into ${quoted} as d (delivery_id, state, owner, expires_at)
values ($1, 'in_progress', $2, ${expiresIn('$3')})
on conflict (delivery_id) do update
  set state = 'in_progress', owner = excluded.owner, expires_at = excluded.expires_at
  where d.expires_at <= now()
returning delivery_id`;
  const current = `select state from ${quoted} where delivery_id = $1 and expires_at > now()`;
  const complete = `insert into ${quoted} as d (delivery_id, state, owner, expires_at)
values ($1, 'done', $2, ${expiresIn('$3')})
on conflict (delivery_id) do update
  set state = 'done', owner = excluded.owner, expires_at = excluded.expires_at`;

  return {
    schema: `${statements.join(';\n')};`,
    async begin(key, lockMs, owner) {
      // Two tries: a claim that expires or is released between the insert and the select
      // leaves no row to report, and the next insert then wins or sees its successor.
      for (let attempt = 0; attempt < 2; attempt++) {
        const claimed = await pool.query(claim, [key, owner, lockMs]);
        if (claimed.rows.length > 0) return 'new';
        const { rows } = await pool.query(current, [key]);
        const state = (rows[0] as { state?: unknown } | undefined)?.state;
        if (state === 'in_progress' || state === 'done') return state as DeliveryState;
      }
      return 'in_progress';
    },
    async complete(key, ttlMs, owner) {
      await pool.query(complete, [key, owner, ttlMs]);
    },
    async release(key, owner) {
      await pool.query(
        `delete from ${quoted} where delivery_id = $1 and owner = $2 and state = 'in_progress'`,
        [key, owner],
      );
    },
    async setup() {
      for (const statement of statements) {
        try {
          await pool.query(statement);
        } catch (error) {
          // Two processes creating the table at once: one wins, the other gets a unique
          // violation on the catalogue (23505) or duplicate_table (42P07); by then it exists.
          const code = (error as { code?: unknown }).code;
          if (code !== '23505' && code !== '42P07') throw error;
        }
      }
    },
    async prune() {
      const result = await pool.query(`delete from ${quoted} where expires_at <= now()`);
      return result.rowCount ?? 0;
    },
  };
}

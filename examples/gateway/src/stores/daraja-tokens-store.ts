import type { CachedToken, TokenStore } from '@malipo/daraja';
import type { Database } from '../db/database.js';

/**
 * Daraja OAuth tokens shared by every gateway process through the database. Daraja revokes a
 * consumer key's previous token when it issues a new one, so processes with private caches would
 * keep invalidating each other; with one shared token they do not.
 */
export function createDatabaseTokenStore(db: Database): TokenStore {
  const store: TokenStore = {
    async get(key) {
      const rows = await db.query<{
        access_token: string;
        obtained_at: string;
        expires_at: string;
      }>(
        'select access_token, obtained_at::text, expires_at::text from daraja_tokens where key = $1',
        [key],
      );
      const row = rows[0];
      return row
        ? {
            accessToken: row.access_token,
            obtainedAt: Number(row.obtained_at),
            expiresAt: Number(row.expires_at),
          }
        : undefined;
    },
    async set(key, token: CachedToken) {
      await db.query(
        `insert into daraja_tokens (key, access_token, obtained_at, expires_at) values ($1, $2, $3, $4)
         on conflict (key) do update set access_token = excluded.access_token,
           obtained_at = excluded.obtained_at, expires_at = excluded.expires_at`,
        [key, token.accessToken, token.obtainedAt, token.expiresAt],
      );
    },
    async delete(key) {
      await db.query('delete from daraja_tokens where key = $1', [key]);
    },
  };
  // Several processes only on PostgreSQL: there, one refreshes at a time (an advisory lock held
  // by a transaction while the token is fetched); the rest read what it stored.
  if (db.kind === 'postgres') {
    store.withRefreshLock = (key, refresh) =>
      db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
        return refresh();
      });
  }
  return store;
}

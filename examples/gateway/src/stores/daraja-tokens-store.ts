import type { CachedToken, TokenStore } from '@malipo/daraja';
import type { Database } from '../db/database.js';

/** How long a process reuses the token it last read before reading the database again. */
const rememberMs = 5_000;

/**
 * Daraja OAuth tokens shared by every gateway process through the database. Daraja revokes a
 * consumer key's previous token when it issues a new one, so processes with private caches would
 * keep invalidating each other; with one shared token they do not. Each process remembers the
 * token it read for 5 s (one read per 5 s, not one per Daraja call); a token another process
 * replaced meanwhile is refused once by Daraja, and forgetting it here never deletes the newer
 * one from the database.
 */
export function createDatabaseTokenStore(db: Database): TokenStore {
  const remembered = new Map<string, { token: CachedToken; until: number }>();
  const store: TokenStore = {
    async get(key) {
      const memory = remembered.get(key);
      if (memory && memory.until > Date.now()) return memory.token;
      const rows = await db.query<{
        access_token: string;
        obtained_at: string;
        expires_at: string;
      }>(
        'select access_token, obtained_at::text, expires_at::text from daraja_tokens where key = $1',
        [key],
      );
      const row = rows[0];
      if (!row) return undefined;
      const token = {
        accessToken: row.access_token,
        obtainedAt: Number(row.obtained_at),
        expiresAt: Number(row.expires_at),
      };
      remembered.set(key, { token, until: Date.now() + rememberMs });
      return token;
    },
    async set(key, token: CachedToken) {
      remembered.set(key, { token, until: Date.now() + rememberMs });
      await db.query(
        `insert into daraja_tokens (key, access_token, obtained_at, expires_at) values ($1, $2, $3, $4)
         on conflict (key) do update set access_token = excluded.access_token,
           obtained_at = excluded.obtained_at, expires_at = excluded.expires_at`,
        [key, token.accessToken, token.obtainedAt, token.expiresAt],
      );
    },
    async delete(key) {
      const memory = remembered.get(key);
      remembered.delete(key);
      // Only the token this process used: another may have stored a newer one meanwhile.
      await (memory
        ? db.query('delete from daraja_tokens where key = $1 and access_token = $2', [
            key,
            memory.token.accessToken,
          ])
        : db.query('delete from daraja_tokens where key = $1', [key]));
    },
  };
  // Several processes only on PostgreSQL: there, one refreshes at a time (an advisory lock held
  // by a transaction while the token is fetched); the rest read what it stored.
  if (db.kind === 'postgres') {
    store.withRefreshLock = (key, refresh) =>
      db.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
        // `refresh` re-reads the store first: what another process stored while this one waited.
        remembered.delete(key);
        return refresh();
      });
  }
  return store;
}

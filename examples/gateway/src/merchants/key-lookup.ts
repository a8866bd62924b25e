import type { Database } from '../db/database.js';
import { type ApiKeyRow, findActiveKey } from '../stores/merchants-store.js';

/** What the database notifies when API keys or merchants change (migration 017). */
const credentialsChannel = 'malipo_credentials';

/** Keys remembered at most (found or not); past it the memory starts afresh. */
const maxRemembered = 10_000;

/** How authentication finds an active API key. */
export interface KeyLookup {
  /** The active key `key` with its merchant's webhook secret, or undefined. */
  find(key: string): Promise<ApiKeyRow | undefined>;
}

/**
 * API keys for authentication, read once and remembered while the database tells this process of
 * every change: on PGlite (one process, one connection) a trigger on `api_keys` and `merchants`
 * notifies it, and every remembered key is forgotten before the changing statement's caller goes
 * on, so a revoked key or a replaced secret is refused from the next request. One statement
 * fewer per authenticated request. Elsewhere (PostgreSQL, where a notification can be missed
 * while a connection is down) every request reads its key.
 *
 * Keys that do not exist are remembered too, so answering from memory says nothing of which keys
 * exist: a key never tried costs a read either way. A remembered key holds the SHA-256 of its
 * secret (never the secret) and its merchant's webhook secret, in memory only; a read that a
 * change overtook is not remembered.
 */
export async function keyLookup(db: Database): Promise<KeyLookup> {
  if (!db.listen) return { find: (key) => findActiveKey(db, key) };
  // Unknown keys too (null): a key answered from memory must not tell that it exists.
  const remembered = new Map<string, ApiKeyRow | null>();
  let changes = 0;
  await db.listen(credentialsChannel, () => {
    changes++;
    remembered.clear();
  });
  return {
    async find(key) {
      const known = remembered.get(key);
      if (known !== undefined) return known ?? undefined;
      const before = changes;
      const row = await findActiveKey(db, key);
      if (before === changes) {
        if (remembered.size >= maxRemembered) remembered.clear();
        remembered.set(key, row ?? null);
      }
      return row;
    },
  };
}

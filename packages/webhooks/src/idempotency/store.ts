/** What a store knows about a delivery id. */
export type DeliveryState = 'new' | 'in_progress' | 'done';

/**
 * Remembers which deliveries were processed, so a redelivery is acknowledged without running
 * the handler again. Back it with Redis or a database table when several instances receive
 * webhooks; implementations must make `begin` atomic (e.g. `SET key NX PX ttl`).
 */
export interface IdempotencyStore {
  /** Claims `key` for processing. `new` means the caller owns it for `lockMs`. */
  begin(key: string, lockMs: number): Promise<DeliveryState> | DeliveryState;
  /** Marks `key` processed, remembered for `ttlMs`. */
  complete(key: string, ttlMs: number): Promise<void> | void;
  /** Gives up the claim after a failure, so a redelivery is processed again. */
  release(key: string): Promise<void> | void;
}

/** An in-memory {@link IdempotencyStore} with TTLs, for a single process. */
export function createMemoryIdempotencyStore(
  options: { now?: () => number; maxEntries?: number } = {},
): IdempotencyStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<string, { state: 'in_progress' | 'done'; expiresAt: number }>();

  const sweep = () => {
    const t = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= t) entries.delete(key);
      if (entries.size < maxEntries) break;
    }
    // Still full of live entries: drop the oldest rather than grow without bound.
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    begin(key, lockMs) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return entry.state;
      if (entries.size >= maxEntries) sweep();
      entries.delete(key);
      entries.set(key, { state: 'in_progress', expiresAt: now() + lockMs });
      return 'new';
    },
    complete(key, ttlMs) {
      entries.delete(key);
      entries.set(key, { state: 'done', expiresAt: now() + ttlMs });
    },
    release(key) {
      entries.delete(key);
    },
  };
}

/** What a store knows about a delivery id. */
export type DeliveryState = 'new' | 'in_progress' | 'done';

/**
 * Remembers which deliveries were processed, so a redelivery is acknowledged without running
 * the handler again. Back it with Redis or a database table when several instances receive
 * webhooks; implementations must make `begin` atomic (e.g. `SET key owner NX PX lockMs`) and
 * `release` a compare-and-delete on `owner` (e.g. a Lua script), so an attempt that outlived its
 * lock never frees the claim of the attempt that took over.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for processing by `owner` (a token unique to this attempt). `new` means the
   * caller holds it for `lockMs`; an expired claim is taken over. Keep `lockMs` above the
   * slowest handler: past it, a redelivery may run alongside.
   */
  begin(key: string, lockMs: number, owner: string): Promise<DeliveryState> | DeliveryState;
  /** Marks `key` processed (by whichever attempt), remembered for `ttlMs`. */
  complete(key: string, ttlMs: number, owner: string): Promise<void> | void;
  /** Gives up `owner`'s claim after a failure; a claim another attempt holds now is left alone. */
  release(key: string, owner: string): Promise<void> | void;
}

/** An in-memory {@link IdempotencyStore} with TTLs, for a single process. */
export function createMemoryIdempotencyStore(
  options: { now?: () => number; maxEntries?: number } = {},
): IdempotencyStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries = new Map<
    string,
    { state: 'in_progress' | 'done'; expiresAt: number; owner: string }
  >();

  // At the cap, a claim looks at no more than this many of the oldest entries for expired ones:
  // scanning them all made every claim of a full store cost milliseconds.
  const sweepLimit = 64;
  const sweep = () => {
    const t = now();
    let looked = 0;
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= t) entries.delete(key);
      if (entries.size < maxEntries || ++looked >= sweepLimit) break;
    }
    // Still full of live entries: drop the oldest rather than grow without bound.
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  };

  return {
    begin(key, lockMs, owner) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return entry.state;
      if (entries.size >= maxEntries) sweep();
      entries.delete(key);
      entries.set(key, { state: 'in_progress', expiresAt: now() + lockMs, owner });
      return 'new';
    },
    complete(key, ttlMs, owner) {
      entries.delete(key);
      entries.set(key, { state: 'done', expiresAt: now() + ttlMs, owner });
    },
    release(key, owner) {
      const entry = entries.get(key);
      if (entry?.state === 'in_progress' && entry.owner === owner) entries.delete(key);
    },
  };
}

/** A cached OAuth token. */
export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds at which the token was requested. */
  obtainedAt: number;
  /** Epoch milliseconds at which Daraja stops accepting the token. */
  expiresAt: number;
}

/**
 * Where tokens are kept between calls. The in-memory default suits one long-lived process;
 * for serverless or several instances, back it with Redis, KV or a database so all instances
 * share one token (Daraja may invalidate the previous token when a new one is issued).
 * A key is `daraja-token:<base URL>:<consumer key>:<fingerprint>` (the first 16 hex digits of
 * SHA-256 over `<consumer key>:<consumer secret>`): keys never contain the consumer secret, and
 * a client holding a wrong secret never reads the token of one holding the right one.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined`; an expired one is fine (it is checked). */
  get(key: string): Promise<CachedToken | undefined> | CachedToken | undefined;
  /** Stores a freshly issued token under `key`, replacing any other. */
  set(key: string, token: CachedToken): Promise<void> | void;
  /** Forgets the token under `key` (Daraja rejected it as invalid). */
  delete(key: string): Promise<void> | void;
  /**
   * Optional: runs `refresh` while holding a lock every instance sharing this store respects
   * (a database advisory lock, a Redis lock). With it, when several processes find the token
   * stale at once only one asks Daraja for a new one; the others wait and read it from the store
   * (`refresh` re-reads the store first). Without it, each process fetches its own, and since
   * Daraja may revoke the previous token on issue, the processes can invalidate each other.
   */
  withRefreshLock?<T>(key: string, refresh: () => Promise<T>): Promise<T>;
}

/** An in-memory {@link TokenStore}. */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, CachedToken>();
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => {
      tokens.set(key, token);
    },
    delete: (key) => {
      tokens.delete(key);
    },
  };
}

/** Shared by every client that is not given a store: one token per credential set per process. */
export const defaultTokenStore: TokenStore = createMemoryTokenStore();

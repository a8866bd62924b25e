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
 * Keys never contain the consumer secret.
 */
export interface TokenStore {
  get(key: string): Promise<CachedToken | undefined> | CachedToken | undefined;
  set(key: string, token: CachedToken): Promise<void> | void;
  delete(key: string): Promise<void> | void;
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

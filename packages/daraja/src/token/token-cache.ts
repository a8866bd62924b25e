import type { ResolvedDarajaConfig } from '../config/options.js';
import { isDarajaApiError } from '../errors/api-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { fetchToken } from './fetch-token.js';
import { type CachedToken, defaultTokenStore, type TokenStore } from './token-store.js';

/**
 * Token requests in flight, per store and credential set, shared by every client in this
 * process that uses the same store: a token fetched for one store is written to that store.
 */
const inFlight = new WeakMap<TokenStore, Map<string, Promise<CachedToken>>>();

/**
 * The store key of a credential set: `daraja-token:<base URL>:<consumer key>:<fingerprint>`,
 * the fingerprint being the first 16 hex digits of SHA-256 over `<consumer key>:<consumer
 * secret>`. A client with a mistyped or rotated secret never shares a token, or a token request,
 * with one holding the right secret; the secret itself is never in a key.
 */
async function storeKey(config: ResolvedDarajaConfig): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${config.consumerKey}:${config.consumerSecret}`),
  );
  const hex = Array.from(new Uint8Array(digest).subarray(0, 8), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return `daraja-token:${config.baseUrl}:${config.consumerKey}:${hex}`;
}

/** Gives out a valid bearer token, fetching at most one at a time per credential set. */
export interface TokenCache {
  /** A token that stays valid for at least the refresh margin. */
  get(): Promise<string>;
  /** Drops `token` if it is still the cached one (so concurrent failures refresh only once). */
  invalidate(token: string): Promise<void>;
  /** Runs `call` with a token; on an invalid-token answer refreshes once and retries once. */
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>;
}

export function createTokenCache(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
): TokenCache {
  const store = config.tokenStore ?? defaultTokenStore;
  let keyOnce: Promise<string> | undefined;
  const storeKeyOnce = () => {
    keyOnce ??= storeKey(config);
    return keyOnce;
  };
  let pendingByKey = inFlight.get(store);
  if (!pendingByKey) {
    pendingByKey = new Map();
    inFlight.set(store, pendingByKey);
  }
  const requests = pendingByKey;

  const isFresh = (token: CachedToken) => {
    // A short-lived token (simulators) would never be fresh with a fixed 60 s margin.
    // A store that dropped `obtainedAt` gets the fixed margin rather than a NaN one.
    const lifetime = token.expiresAt - token.obtainedAt;
    const margin = Number.isFinite(lifetime)
      ? Math.min(config.tokenRefreshMarginMs, lifetime / 2)
      : config.tokenRefreshMarginMs;
    return config.now() < token.expiresAt - margin;
  };

  const get = async () => {
    const key = await storeKeyOnce();
    const cached = await store.get(key);
    if (cached && isFresh(cached)) return cached.accessToken;
    let pending = requests.get(key);
    if (!pending) {
      const refresh = async () => {
        const token = await fetchToken(config, transport);
        await store.set(key, token);
        return token;
      };
      const lock = store.withRefreshLock?.bind(store);
      pending = (
        lock
          ? lock(key, async () => {
              // Another instance may have refreshed while this one waited for the lock.
              const current = await store.get(key);
              return current && isFresh(current) ? current : refresh();
            })
          : refresh()
      ).finally(() => requests.delete(key));
      requests.set(key, pending);
    }
    return (await pending).accessToken;
  };

  const invalidate = async (token: string) => {
    const key = await storeKeyOnce();
    const cached = await store.get(key);
    if (cached?.accessToken === token) await store.delete(key);
  };

  return {
    get,
    invalidate,
    async withToken(call) {
      const token = await get();
      try {
        return await call(token);
      } catch (error) {
        if (!isDarajaApiError(error) || !error.isInvalidToken) throw error;
        await invalidate(token);
        return call(await get());
      }
    },
  };
}

import type { ResolvedDarajaConfig } from '../config/options.js';
import { isDarajaApiError } from '../errors/api-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { fetchToken } from './fetch-token.js';
import { type CachedToken, defaultTokenStore } from './token-store.js';

/** Token requests in flight, per credential set, shared by every client in this process. */
const inFlight = new Map<string, Promise<CachedToken>>();

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
  const key = `daraja-token:${config.baseUrl}:${config.consumerKey}`;

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
    const cached = await store.get(key);
    if (cached && isFresh(cached)) return cached.accessToken;
    let pending = inFlight.get(key);
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
      ).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return (await pending).accessToken;
  };

  const invalidate = async (token: string) => {
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

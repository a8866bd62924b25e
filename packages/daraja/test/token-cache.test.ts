import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMemoryTokenStore, DarajaAuthError } from '../src/index.js';
import { baseUrl, server, simulatedDaraja, validPush } from './support/simulated-daraja.js';

/** The store key of a credential set, as the TokenStore docs give it. */
const storeKey = (consumerKey: string, consumerSecret = 'secret') =>
  `daraja-token:${baseUrl}:${consumerKey}:${createHash('sha256')
    .update(`${consumerKey}:${consumerSecret}`)
    .digest('hex')
    .slice(0, 16)}`;

describe('OAuth token cache', () => {
  it('makes exactly one OAuth request for 200 concurrent STK pushes', async () => {
    const { simulator, daraja } = simulatedDaraja();
    const results = await Promise.all(Array.from({ length: 200 }, () => daraja.stkPush(validPush)));
    expect(simulator.stats.oauthRequests).toBe(1);
    expect(simulator.stats.stkPushes).toBe(200);
    expect(new Set(results.map((r) => r.checkoutRequestId)).size).toBe(200);
  });

  it('accepts expires_in as a number as well as a string', async () => {
    const { simulator, daraja } = simulatedDaraja({ expiresInAs: 'number' });
    await daraja.stkPush(validPush);
    await daraja.stkPush(validPush);
    expect(simulator.stats.oauthRequests).toBe(1);
  });

  it('refreshes about 60 s before expiry, not after', async () => {
    let clock = Date.now();
    const now = () => clock;
    const { simulator, daraja } = simulatedDaraja({ now }, { now });
    const first = await daraja.getAccessToken();
    clock += (3599 - 61) * 1000; // 61 s left: still fresh
    expect(await daraja.getAccessToken()).toBe(first);
    expect(simulator.stats.oauthRequests).toBe(1);
    clock += 2_000; // 59 s left: inside the refresh margin
    const second = await daraja.getAccessToken();
    expect(second).not.toBe(first);
    expect(simulator.stats.oauthRequests).toBe(2);
    await daraja.stkPush(validPush);
    expect(simulator.stats.oauthRequests).toBe(2);
  });

  it('after an invalid-token error refreshes once and retries once', async () => {
    const { simulator, daraja } = simulatedDaraja();
    await daraja.stkPush(validPush);
    simulator.revokeTokens();
    const pushes = await Promise.all(Array.from({ length: 20 }, () => daraja.stkPush(validPush)));
    expect(pushes).toHaveLength(20);
    expect(simulator.stats.oauthRequests).toBe(2);
    expect(simulator.stats.stkPushes).toBe(21);
  });

  it('retries only once when the fresh token is rejected too', async () => {
    const { simulator, daraja } = simulatedDaraja();
    let pushCalls = 0;
    server.use(
      http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, () => {
        pushCalls += 1;
        return HttpResponse.json(
          { requestId: 'r-1', errorCode: '404.001.03', errorMessage: 'Invalid Access Token' },
          { status: 404 },
        );
      }),
    );
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      name: 'DarajaApiError',
      errorCode: '404.001.03',
      requestId: 'r-1',
      status: 404,
    });
    expect(pushCalls).toBe(2);
    expect(simulator.stats.oauthRequests).toBe(2);
  });

  it('reports bad credentials (HTTP 400, empty body) as DarajaAuthError without retrying', async () => {
    const { simulator, daraja } = simulatedDaraja({}, { consumerSecret: 'wrong' });
    const error = await daraja.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DarajaAuthError);
    expect(error).toMatchObject({ code: 'auth_failed', status: 400, bodyKind: 'empty' });
    expect((error as Error).message).toMatch(/consumerKey and consumerSecret/);
    expect(simulator.stats.oauthRequests).toBe(1);
  });

  it('retries token fetches on 503 and spike arrest', async () => {
    const { simulator, daraja } = simulatedDaraja();
    simulator.failNext({ endpoint: 'oauth', status: 503, body: '<html>busy</html>' });
    simulator.failNext({
      endpoint: 'oauth',
      status: 500,
      body: {
        requestId: 'x',
        errorCode: '500.003.02',
        errorMessage: 'Error Occurred: Spike Arrest Violation',
      },
    });
    expect(await daraja.getAccessToken()).toHaveLength(28);
    expect(simulator.stats.oauthRequests).toBe(3);
  });

  it('shares tokens through a pluggable store', async () => {
    const store = createMemoryTokenStore();
    const a = simulatedDaraja({}, { tokenStore: store });
    const b = simulatedDaraja({}, { tokenStore: store });
    // Both clients point at the same URL: msw routes to the newest simulator (b).
    await a.daraja.getAccessToken();
    await b.daraja.getAccessToken();
    expect(a.simulator.stats.oauthRequests + b.simulator.stats.oauthRequests).toBe(1);
  });

  it('never gives a client with a wrong secret the token, or the failure, of one with the right secret', async () => {
    const store = createMemoryTokenStore();
    const right = simulatedDaraja({ consumerKey: 'split-key' }, { consumerKey: 'split-key' });
    const wrong = simulatedDaraja(
      { consumerKey: 'split-key' },
      { consumerKey: 'split-key', consumerSecret: 'typo' },
    );
    // At the same moment, on the default store and on one store both use.
    for (const options of [{}, { tokenStore: store }]) {
      const rightClient = simulatedDaraja(
        { consumerKey: 'split-key' },
        { consumerKey: 'split-key', ...options },
      ).daraja;
      const wrongClient = simulatedDaraja(
        { consumerKey: 'split-key' },
        { consumerKey: 'split-key', consumerSecret: 'typo', ...options },
      ).daraja;
      const [bad, good] = await Promise.allSettled([
        wrongClient.getAccessToken(),
        rightClient.getAccessToken(),
      ]);
      expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'DarajaAuthError' } });
      expect(good).toMatchObject({ status: 'fulfilled' });
      // With the right client's token cached, the wrong secret is still refused.
      await expect(wrongClient.getAccessToken()).rejects.toMatchObject({ name: 'DarajaAuthError' });
    }
    await expect(wrong.daraja.getAccessToken()).rejects.toMatchObject({ name: 'DarajaAuthError' });
    expect(await right.daraja.getAccessToken()).toHaveLength(28);
  });

  describe('with a store that locks refreshes across instances', () => {
    const lockingStore = (
      beforeRefresh?: (store: ReturnType<typeof createMemoryTokenStore>) => void,
    ) => {
      const inner = createMemoryTokenStore();
      const calls = { lock: 0 };
      let chain = Promise.resolve<unknown>(undefined);
      const store = {
        get: inner.get,
        set: inner.set,
        delete: inner.delete,
        withRefreshLock<T>(_key: string, refresh: () => Promise<T>): Promise<T> {
          calls.lock++;
          const run = chain.then(() => {
            beforeRefresh?.(inner);
            return refresh();
          });
          chain = run.catch(() => undefined);
          return run;
        },
      };
      return { store, inner, calls };
    };

    it('uses the token another instance stored while this one waited for the lock', async () => {
      const { store, calls } = lockingStore((inner) => {
        for (const key of [storeKey('lock-key-1')]) {
          inner.set(key, {
            accessToken: 'from-another-instance',
            obtainedAt: Date.now(),
            expiresAt: Date.now() + 3_600_000,
          });
        }
      });
      const { simulator, daraja } = simulatedDaraja(
        { consumerKey: 'lock-key-1' },
        { tokenStore: store, consumerKey: 'lock-key-1' },
      );
      expect(await daraja.getAccessToken()).toBe('from-another-instance');
      expect(simulator.stats.oauthRequests).toBe(0);
      expect(calls.lock).toBe(1);
    });

    it('fetches under the lock when no instance has a fresh token', async () => {
      const { store, inner, calls } = lockingStore();
      const { simulator, daraja } = simulatedDaraja(
        { consumerKey: 'lock-key-2' },
        { tokenStore: store, consumerKey: 'lock-key-2' },
      );
      const tokens = await Promise.all(Array.from({ length: 10 }, () => daraja.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(simulator.stats.oauthRequests).toBe(1);
      expect(calls.lock).toBe(1);
      expect((await inner.get(storeKey('lock-key-2')))?.accessToken).toBe(tokens[0]);
    });
  });
});

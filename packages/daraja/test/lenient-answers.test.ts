import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createMemoryTokenStore,
  DarajaCallbackError,
  DarajaResponseError,
  DarajaValidationError,
  parseStkCallback,
} from '../src/index.js';
import { buildStkCallback } from '../src/testing/index.js';
import { baseUrl, server, simulatedDaraja, validPush } from './support/simulated-daraja.js';

const pushPath = `${baseUrl}/mpesa/stkpush/v1/processrequest`;
const queryPath = `${baseUrl}/mpesa/stkpushquery/v1/query`;

describe('answers Daraja may give, read without losing a payment', () => {
  it('an accepted push with null descriptions or no MerchantRequestID is still accepted', async () => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    for (const body of [
      {
        MerchantRequestID: 'm-1',
        CheckoutRequestID: 'ws_CO_null',
        ResponseCode: '0',
        ResponseDescription: null,
        CustomerMessage: null,
      },
      { CheckoutRequestID: 'ws_CO_bare', ResponseCode: 0 },
    ]) {
      server.use(http.post(pushPath, () => HttpResponse.json(body)));
      const push = await daraja.stkPush(validPush);
      expect(push.checkoutRequestId).toBe(body.CheckoutRequestID);
      expect(push.responseDescription).toBe('');
    }
  });

  it('a query code the catalogue does not know is pending, not a final failure', async () => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    server.use(
      http.post(queryPath, () =>
        HttpResponse.json({ ResultCode: '9876', ResultDesc: 'Something new is happening' }),
      ),
    );
    const result = await daraja.stkQuery({ checkoutRequestId: 'ws_CO_1' });
    expect(result).toMatchObject({ status: 'pending', category: 'unknown', code: '9876' });

    server.use(http.post(queryPath, () => HttpResponse.json({ ResultCode: '' })));
    await expect(daraja.stkQuery({ checkoutRequestId: 'ws_CO_1' })).rejects.toBeInstanceOf(
      DarajaResponseError,
    );
  });

  it('expires_in as a decimal string ("3599.0") is a valid token answer', async () => {
    const { daraja } = simulatedDaraja();
    server.use(
      http.get(`${baseUrl}/oauth/v1/generate`, () =>
        HttpResponse.json({ access_token: 'tok', expires_in: '3599.0' }),
      ),
    );
    await expect(daraja.getAccessToken()).resolves.toBe('tok');
  });

  it('a token store that drops obtainedAt still caches the token', async () => {
    const inner = createMemoryTokenStore();
    const forgetful = {
      get: async (key: string) => {
        const token = await inner.get(key);
        if (!token) return undefined;
        const { obtainedAt: _dropped, ...rest } = token;
        return rest as typeof token;
      },
      set: inner.set,
      delete: inner.delete,
    };
    const { simulator, daraja } = simulatedDaraja({}, { tokenStore: forgetful });
    for (let i = 0; i < 4; i++) await daraja.getAccessToken();
    expect(simulator.stats.oauthRequests).toBe(1);
  });

  it('a paid callback for an amount below 1 is refused', () => {
    expect(() => parseStkCallback(buildStkCallback({ amount: 0 }))).toThrow(DarajaCallbackError);
  });

  it('an http callback is refused against Safaricom production behind a custom base URL', async () => {
    const { daraja } = simulatedDaraja(
      {},
      {
        environment: { baseUrl: 'https://api.safaricom.co.ke' },
        callbackUrl: 'http://plain.example/cb',
      },
    );
    const error = await daraja.stkPush(validPush).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DarajaValidationError);
    expect(error).toMatchObject({ field: 'callbackUrl' });
  });
});

describe('client-side rate limit and timeouts', () => {
  it('waiting for a slot does not count against the timeout: queued pushes are sent, not timed out', async () => {
    const { daraja, simulator } = simulatedDaraja(
      {},
      { rateLimit: { limit: 1, intervalMs: 400 }, timeoutMs: 300 },
    );
    // One OAuth request and three pushes: 4 slots, about 1.2 s, each wait longer than 300 ms.
    const pushes = await Promise.all([1, 2, 3].map(() => daraja.stkPush(validPush)));
    expect(pushes.map((push) => push.responseCode)).toEqual(['0', '0', '0']);
    expect(simulator.stats.oauthRequests).toBe(1);
  });

  it('an answer slower than the timeout is still a timeout when rate limited', async () => {
    const { daraja } = simulatedDaraja(
      {},
      { rateLimit: { limit: 10, intervalMs: 1000 }, timeoutMs: 100 },
    );
    await daraja.getAccessToken();
    server.use(
      http.post(pushPath, async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return HttpResponse.json({ CheckoutRequestID: 'late', ResponseCode: '0' });
      }),
    );
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      name: 'DarajaNetworkError',
      code: 'timeout',
    });
  });
});

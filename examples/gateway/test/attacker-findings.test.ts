import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';
import { createMerchant } from '../src/merchants/operations.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/** Regression tests for what an adversarial review of the running gateway found. */
describe('what an attacker found', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { ALLOW_PRIVATE_WEBHOOK_URLS: 'false' });
  });
  afterAll(() => gw?.close());

  const post = (path: string, body: string, auth = { key: gw.apiKey, secret: gw.apiSecret }) =>
    fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': auth.key,
        'x-api-secret': auth.secret,
      },
      body,
    });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a body field named %s is a 400 naming it, with a string code',
    async (name) => {
      const answer = await post(
        '/api/v1/payments',
        `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","${name}":1}`,
      );
      expect(answer.status).toBe(400);
      const { error } = await answer.json();
      expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: name });
    },
  );

  it.each([
    'http://[::127.0.0.1]/hook',
    'http://[::7f00:1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::a00:1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[2002:c0a8:101::]/hook',
  ])('an IPv6 literal that reaches a private IPv4 address is refused: %s', async (url) => {
    const answer = await post('/api/v1/webhook-endpoints', JSON.stringify({ url }));
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.field).toBe('url');
  });

  it.each(['1e1', '%2020', '0x14', '20.0'])(
    'a list limit of %s is a 400 naming it, not read as a number',
    async (limit) => {
      const answer = await fetch(`${gw.url}/api/v1/payments?limit=${limit}`, {
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
      });
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatchObject({
        code: 'INVALID_REQUEST',
        field: 'limit',
        message: 'limit: limit must be a whole number from 1 to 100.',
      });
    },
  );

  it.each([
    'http://localhost./hook',
    'https://localhost.:8443/hook',
    'http://localhost.localdomain/hook',
    'http://printer.local/hook',
    'http://db.internal/hook',
    'http://router.home.arpa/hook',
  ])('a name that never leads to a public server is refused at registration: %s', async (url) => {
    const answer = await post('/api/v1/webhook-endpoints', JSON.stringify({ url }));
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.field).toBe('url');
  });

  it('queue statistics count only the asking merchant’s jobs', async () => {
    const made = await createMerchant(gw.gateway.db, 'Other');
    const other = { key: made.apiKey, secret: made.apiSecret };
    const stats = async (auth: typeof other) =>
      (
        await fetch(`${gw.url}/api/v1/test/jobs/status`, {
          headers: { 'x-api-key': auth.key, 'x-api-secret': auth.secret },
        })
      ).json();
    const created = await post(
      '/api/v1/payments',
      JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678' },
      }),
      other,
    );
    expect(created.status).toBe(201);
    // Its early queries wait seconds away: they are the other merchant's, never this one's.
    expect((await stats(other)).pending).toBeGreaterThanOrEqual(1);
    expect(await stats({ key: gw.apiKey, secret: gw.apiSecret })).toMatchObject({
      pending: 0,
      processing: 0,
    });
  });

  it.each(['1e4', '10000.0', '1.00000000000000000001e4', '100E2'])(
    'an amount_cents written as %s is a 400 naming it, never rounded',
    async (amount) => {
      const answer = await post(
        '/api/v1/payments',
        `{"amount_cents":${amount},"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"phone_number":"254708374149","amount_cents":1.5}}`,
      );
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatchObject({
        code: 'INVALID_AMOUNT',
        field: 'amount_cents',
      });
    },
  );

  it('an amount_cents whose name is written with escapes is checked too', async () => {
    const answer = await post(
      '/api/v1/payments',
      '{"amount\\u005fcents":1e4,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"phone_number":"254708374149"}}',
    );
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toMatchObject({ field: 'amount_cents' });
  });

  it('a deeply nested body with a fractional amount inside is a 400 naming the depth, not a 500', async () => {
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const answer = await post(
      '/api/v1/payments',
      `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"x":{"amount_cents":1.5},"d":${deep}}}`,
    );
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.message).toMatch(/nests deeper/);
  });

  it('an amount_cents in metadata is the merchant’s own data, not an amount', async () => {
    const answer = await post(
      '/api/v1/payments',
      `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"phone_number":"254708374149","amount_cents":1.5}}`,
    );
    expect(answer.status).toBe(201);
  });

  it('a card payment over 99,999,999 minor units is a 400 naming the amount', async () => {
    const answer = await post(
      '/api/v1/payments',
      JSON.stringify({
        amount_cents: 100_000_000,
        currency: 'USD',
        provider: 'BUNI',
        card: { number: '4111111111111111', expiry: '12/30', cvv: '123' },
      }),
    );
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toMatchObject({
      code: 'INVALID_AMOUNT',
      field: 'amount_cents',
    });
  });

  it.each(['0.0.0.0/0', '::/0', '10.0.0.0/4', 'not-an-address'])(
    'MPESA_TRUSTED_PROXIES=%s is refused at start',
    (value) => {
      expect(() => loadConfig({ MPESA_TRUSTED_PROXIES: value })).toThrow(GatewayConfigError);
      expect(() => loadConfig({ MPESA_TRUSTED_PROXIES: value })).toThrow(/MPESA_TRUSTED_PROXIES/);
    },
  );

  it('M-Pesa text an outcome quotes is bounded in the log and the row; the body keeps it all', async () => {
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const resultDesc = `${'x'.repeat(99_999)}\u{1F600}`;
    const answer = await fetch(`${gw.url}/callbacks/mpesa/${token}/results/balance/quoted`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Result: {
          ResultType: 0,
          ResultCode: 2001,
          ResultDesc: resultDesc,
          OriginatorConversationID: 'quoted-originator',
          ConversationID: 'AG_20260101_quoted',
          TransactionID: 'TGR3HYT7QQ',
        },
      }),
    });
    expect(answer.status).toBe(200);
    const [row] = await eventually(
      () =>
        gw.gateway.db.query<{ outcome: string | null; body: string }>(
          `select outcome, body from mpesa_results where target_id = 'quoted'`,
        ),
      (rows) => rows[0]?.outcome != null,
    );
    expect(row!.outcome).toMatch(
      /^inconclusive: balance query 2001: x{400,}… \(100021 characters in all\)$/,
    );
    expect(row!.outcome!.length).toBeLessThan(600);
    expect(JSON.parse(row!.body).Result.ResultDesc).toBe(resultDesc);
  });

  it('narrow proxy ranges are accepted', () => {
    expect(
      loadConfig({ MPESA_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10, fd00::/64' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/64']);
  });
});

describe('failed authentication is rate limited by address', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => gw?.close());

  it('the fourth wrong secret in a minute is 429, with the headers', async () => {
    const guess = () =>
      fetch(`${gw.url}/api/v1/payments`, {
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': 'guess' },
      });
    for (let i = 0; i < 3; i++) expect((await guess()).status).toBe(401);
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    // The key itself is not locked out by a stranger's guesses.
    const owner = await fetch(`${gw.url}/api/v1/payments`, {
      headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
    });
    expect(owner.status).toBe(200);
  });
});

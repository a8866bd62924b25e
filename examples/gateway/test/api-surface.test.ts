import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/harness.js';

describe('idempotency on every mutating route, legacy statuses, rate-limit headers, CORS', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { CORS_ORIGINS: 'https://dashboard.example.com' });
  });
  afterAll(() => gw?.close());

  const post = (path: string, body: string, key?: string) =>
    fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: {
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body,
    });
  const endpointCount = async () =>
    Number(
      (
        await gw.gateway.db.query<{ n: string }>(
          'select count(*)::text as n from webhook_endpoints',
        )
      )[0]?.n,
    );

  it('a retried webhook-endpoint create makes one endpoint and answers the same, secret included', async () => {
    const before = await endpointCount();
    const body = JSON.stringify({
      url: 'https://merchant.example.com/hooks',
      events: ['payment.completed'],
    });
    const first = await post('/api/v1/webhook-endpoints', body, 'endpoint-once');
    const second = await post('/api/v1/webhook-endpoints', body, 'endpoint-once');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await endpointCount()).toBe(before + 1);
  });

  it('the same JSON with other key order and whitespace replays; other values are 422', async () => {
    const first = await post(
      '/api/v1/webhook-endpoints',
      '{"url":"https://merchant.example.com/a","description":"A"}',
      'endpoint-json',
    );
    const reordered = await post(
      '/api/v1/webhook-endpoints',
      '{\n  "description" : "A",\n  "url" : "https://merchant.example.com/a"\n}',
      'endpoint-json',
    );
    expect(reordered.status).toBe(201);
    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
    expect(await reordered.json()).toEqual(await first.json());
    const changed = await post(
      '/api/v1/webhook-endpoints',
      '{"url":"https://merchant.example.com/b","description":"A"}',
      'endpoint-json',
    );
    expect(changed.status).toBe(422);
    expect((await changed.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('one key on two different resources is 422, not a replay of the other', async () => {
    const pay = async () =>
      (
        await (
          await post(
            '/api/v1/payments',
            JSON.stringify({
              amount_cents: 10_000,
              currency: 'KES',
              provider: 'MPESA_SAFARICOM',
              metadata: { phone_number: '254712345678' },
            }),
          )
        ).json()
      ).payment_id as string;
    const [a, b] = [await pay(), await pay()];
    const query = (id: string) => post(`/api/v1/payments/${id}/query`, '{}', 'query-key');
    expect((await query(a)).status).toBe(200);
    const other = await query(b);
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a DELETE with a key replays its answer', async () => {
    const created = await (
      await post('/api/v1/webhook-endpoints', '{"url":"https://merchant.example.com/d"}')
    ).json();
    const remove = () =>
      fetch(`${gw.url}/api/v1/webhook-endpoints/${created.endpoint_id}`, {
        method: 'DELETE',
        headers: {
          'x-api-key': gw.apiKey,
          'x-api-secret': gw.apiSecret,
          'idempotency-key': 'del-1',
        },
      });
    const first = await remove();
    const again = await remove();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual({
      success: true,
      deleted: true,
      endpoint_id: created.endpoint_id,
    });
  });

  it('the /api/payments/create path answers 200 as its guide documents; /api/v1/payments 201', async () => {
    const body = (phone: string) =>
      JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: phone },
      });
    const legacy = await post('/api/payments/create', body('254712345678'), 'legacy-create');
    expect(legacy.status).toBe(200);
    expect((await legacy.json()).status).toBe('PENDING');
    const replay = await post('/api/payments/create', body('254712345678'), 'legacy-create');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const canonical = await post('/api/v1/payments', body('254712345678'));
    expect(canonical.status).toBe(201);
  });

  it('every answer carries the rate-limit headers, in both spellings', async () => {
    const answers = [
      await fetch(`${gw.url}/api/v1/payments`, {
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
      }),
      await fetch(`${gw.url}/api/v1/payments`, { headers: { 'x-api-key': 'nobody' } }),
      await fetch(`${gw.url}/health`),
      await fetch(`${gw.url}/no/such/route`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 200, 404]);
    for (const answer of answers) {
      for (const prefix of ['ratelimit', 'x-ratelimit']) {
        expect(Number(answer.headers.get(`${prefix}-limit`))).toBeGreaterThan(0);
        expect(answer.headers.get(`${prefix}-remaining`)).toMatch(/^\d+$/);
        expect(answer.headers.get(`${prefix}-reset`)).toMatch(/^\d+$/);
      }
    }
  });

  it('a browser on the configured origin may call the API; other origins get no CORS grant', async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/api/v1/payments`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-api-key,x-api-secret,content-type,idempotency-key',
        },
      });
    const allowed = await preflight('https://dashboard.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'https://dashboard.example.com',
    );
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-api-secret',
    );
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

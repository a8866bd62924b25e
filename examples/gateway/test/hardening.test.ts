import { connect } from 'node:net';
import { hostname } from 'node:os';
import { buildStkCallback } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/merchants/api-keys.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const payment = (phone: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    amount_cents: 10_000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: phone },
    ...extra,
  });

describe('hardening', () => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    gw = await startTestGateway('pglite', {
      RATE_LIMIT_PER_MINUTE: '1000',
      ALLOW_PRIVATE_WEBHOOK_URLS: 'false',
      MPESA_CALLBACK_ALLOWLIST: 'true',
      TEST_PAYMENT_SUCCESS: 'false',
      WEBHOOK_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_SECONDS: '2',
    });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
        ...headers,
      },
      body,
    });

  it('a request not sent whole within REQUEST_TIMEOUT_SECONDS is a 408 and its connection closes', async () => {
    const { port } = new URL(gw.url);
    /** Sends `head`, then nothing more: what comes back, and when the connection closed. */
    const stall = (head: string) =>
      new Promise<{ answer: string; afterMs: number }>((resolve, reject) => {
        const started = Date.now();
        let answer = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          answer += chunk;
        });
        socket.on('error', reject);
        socket.on('close', () => resolve({ answer, afterMs: Date.now() - started }));
      });
    const [body, headers] = await Promise.all([
      // The headers whole, the body 1 byte of the 100 declared.
      stall(
        `POST /api/v1/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-API-Key: ${gw.apiKey}\r\nX-API-Secret: ${gw.apiSecret}\r\n\r\n{`,
      ),
      // The headers never finished.
      stall('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
    ]);
    for (const stalled of [body, headers]) {
      expect(stalled.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(stalled.afterMs).toBeGreaterThanOrEqual(1_900);
      expect(stalled.afterMs).toBeLessThan(10_000);
    }
    // A request sent whole is answered as ever.
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });

  it('answers every request with an X-Request-Id, echoing a sane one', async () => {
    const mine = await fetch(`${gw.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${gw.url}/health`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^req_[a-z0-9]{20}$/);
  });

  it('webhook URLs on private, loopback or link-local addresses are refused when not allowed', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://localhost/x',
      'http://10.0.0.8/x',
    ]) {
      const answer = await post('/api/v1/payments', payment('254712345678', { callback_url: url }));
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatchObject({
        code: 'INVALID_REQUEST',
        field: 'callback_url',
      });
      const endpoint = await post('/api/v1/webhook-endpoints', JSON.stringify({ url }));
      expect(endpoint.status).toBe(400);
    }
  });

  it('a host name that resolves to a private address is refused at connection time (no DNS rebinding)', async () => {
    // This machine's own name resolves to a loopback or private address.
    const url = `http://${hostname()}:${new URL(receiver.url).port}/webhooks/malipo`;
    const created = await (
      await post('/api/v1/payments', payment('254712345678', { callback_url: url }))
    ).json();
    expect(created.success).toBe(true);
    const deliveries = await eventually(
      async () => (await gw.client.webhookDeliveries.list()).data.filter((d) => d.url === url),
      (list) => list[0]?.status === 'FAILED',
    );
    expect(deliveries[0]?.attempts).toBe(1);
    expect(deliveries[0]?.last_attempts?.[0]?.error).toContain('private, loopback or link-local');
    expect(receiver.hits).toBe(0);
  });

  it('TEST_PAYMENT_SUCCESS=false: numbers without a documented outcome fail', async () => {
    const created = await gw.client.payments.create(JSON.parse(payment('254799999999')));
    const settled = await gw.client.payments.waitFor(created.payment_id, { timeout: 20_000 });
    expect(settled.status).toBe('FAILED');
    expect(settled.failure_code).toBe('1');
  });

  it("Safaricom's IP allowlist, when on, refuses callbacks from elsewhere and stores nothing", async () => {
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const before = (await gw.gateway.db.query('select id from mpesa_callbacks')).length;
    const answer = await fetch(`${gw.url}/callbacks/mpesa/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '196.201.214.200' },
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_1' })),
    });
    expect(answer.status).toBe(403);
    expect((await gw.gateway.db.query('select id from mpesa_callbacks')).length).toBe(before);
  });

  it('lists walk every payment across pages, newest first, none twice', async () => {
    for (let i = 0; i < 5; i++) await post('/api/v1/payments', payment('254712345678'));
    const seen: string[] = [];
    for await (const p of gw.client.payments.list({ limit: 2 })) seen.push(p.payment_id);
    const rows = await gw.gateway.db.query<{ id: string }>(
      'select id from payments where merchant_id = $1 order by created_at desc, id desc',
      [gw.gateway.merchant.merchantId],
    );
    expect(seen).toEqual(rows.map((row) => row.id));
    const bad = await fetch(`${gw.url}/api/v1/payments?cursor=bm9wZQ`, {
      headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'INVALID_REQUEST', field: 'cursor' });
  });

  it('live keys can be issued and authenticate; they see no test data and, without production credentials, move no money', async () => {
    const live = await createApiKey(gw.gateway.db, 'live');
    expect(live.apiKey).toMatch(/^sk_live_/);
    const listed = await fetch(`${gw.url}/api/v1/payments`, {
      headers: { 'x-api-key': live.apiKey, 'x-api-secret': live.apiSecret },
    });
    expect(listed.status).toBe(200);
    expect((await listed.json()).data).toEqual([]);
    // Before modes, a live key "completed" payments against the simulator.
    const answer = await post('/api/v1/payments', payment('254712345678'), {
      'x-api-key': live.apiKey,
      'x-api-secret': live.apiSecret,
    });
    expect(answer.status).toBe(403);
    expect((await answer.json()).error.code).toBe('MODE_NOT_CONFIGURED');
    const stored = await gw.gateway.db.query<{ secret_hash: string }>(
      'select secret_hash from api_keys where key = $1',
      [live.apiKey],
    );
    expect(stored[0]?.secret_hash).not.toContain(live.apiSecret);
    expect(stored[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('rate limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => gw?.close());

  it('the fourth request in a minute is 429 RATE_LIMITED with Retry-After', async () => {
    const list = () =>
      fetch(`${gw.url}/api/v1/payments`, {
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
      });
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
    // Another caller's bad credentials are 401, never counted against this key.
    const stranger = await fetch(`${gw.url}/api/v1/payments`, {
      headers: { 'x-api-key': 'sk_test_nobody', 'x-api-secret': 'nope' },
    });
    expect(stranger.status).toBe(401);
  });
});

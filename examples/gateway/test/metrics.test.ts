import { Malipo } from '@malipo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsApp } from '../src/api.js';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';
import type { Database, Queryable } from '../src/db/database.js';
import { startGateway } from '../src/gateway.js';
import { darajaProduct } from '../src/metrics/daraja-fetch.js';
import { createGatewayMetrics } from '../src/metrics/gateway-metrics.js';
import { countSettlements, reportSettlement } from '../src/metrics/settlements.js';
import { type DatabaseKind, databaseKinds, scratchDatabase } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway, testEnv } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const token = 'metrics-token-0123456789abcdef';

/** The value of the sample `name{…labels}` in a text exposition (labels: a subset), else undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.entries(labels).every(([key, value]) =>
      (match[2] ?? '').split(',').includes(`${key}="${value}"`),
    );
    if (has) return Number(match[3]);
  }
  return undefined;
}

describe('metrics configuration', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError);
      return (error as GatewayConfigError).issues;
    }
    return [];
  };

  it('is off unless METRICS_PORT or METRICS_TOKEN is set', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: token }).metrics).toEqual({ listen: undefined, token });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({
      listen: { port: 9464, host: '127.0.0.1' },
      token: undefined,
    });
  });

  it('names each bad variable and what to do', () => {
    expect(problemsOf({ METRICS_PORT: '70000' })).toEqual([
      'METRICS_PORT: expected a whole number from 0 to 65535.',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'short' })[0]).toMatch(/^METRICS_TOKEN: expected 24 to 200/);
    expect(problemsOf({ METRICS_HOST: '0.0.0.0' })[0]).toMatch(
      /^METRICS_HOST: has no effect without METRICS_PORT/,
    );
    expect(problemsOf({ PORT: '9000', METRICS_PORT: '9000' })[0]).toMatch(
      /^METRICS_PORT: must differ from PORT \(9000\)/,
    );
  });
});

describe('metrics pieces', () => {
  it('labels Daraja calls by product, never by URL', () => {
    const base = 'http://127.0.0.1:8000/__simulator/daraja';
    expect(darajaProduct(`${base}/oauth/v1/generate?grant_type=client_credentials`)).toBe('oauth');
    expect(darajaProduct(`${base}/mpesa/stkpush/v1/processrequest`)).toBe('stkpush');
    expect(darajaProduct('https://api.safaricom.co.ke/mpesa/stkpushquery/v1/query')).toBe(
      'stkpushquery',
    );
    expect(darajaProduct(`${base}/mpesa/accountbalance/v1/query`)).toBe('balance');
    expect(darajaProduct(`${base}/mpesa/b2c/v3/paymentrequest`)).toBe('b2c');
    expect(darajaProduct(`${base}/mpesa/something/v9/new`)).toBe('other');
  });

  it('counts a settlement only when its transaction commits', async () => {
    const boss = {} as Queryable['boss'];
    const fake = {
      kind: 'pglite',
      transaction: async <T>(work: (tx: Queryable) => Promise<T>) =>
        work({ query: async () => [], boss }),
    } as unknown as Database;
    const counted: string[] = [];
    const db = countSettlements(fake, (settled) => {
      for (const payment of settled) counted.push(payment.status);
    });
    await expect(
      db.transaction(async (tx) => {
        reportSettlement(tx, { provider: 'MPESA_SAFARICOM', status: 'EXPIRED' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.transaction(async (tx) => {
      reportSettlement(tx, { provider: 'MPESA_SAFARICOM', status: 'COMPLETED' });
    });
    // Outside a counted transaction (metrics off): nothing happens.
    reportSettlement(fake, { provider: 'MPESA_SAFARICOM', status: 'FAILED' });
    expect(counted).toEqual(['COMPLETED']);
  });

  it('the metrics port asks for the token too when one is set', async () => {
    const app = createMetricsApp(createGatewayMetrics(), token);
    expect((await app.request('/metrics')).status).toBe(401);
    const ok = await app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('malipo_process_cpu_user_seconds_total');
    expect((await app.request('/other')).status).toBe(404);
  });
});

describe.each(databaseKinds)('GET /metrics behind METRICS_TOKEN on %s', (kind: DatabaseKind) => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    gw = await startTestGateway(kind, { METRICS_TOKEN: token });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${gw.url}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('refuses a missing or wrong token with 401 and says what to send', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${token}x` },
      { Authorization: token },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${gw.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('AUTHENTICATION_FAILED');
      expect(body.error.message).toContain('Authorization: Bearer <METRICS_TOKEN>');
    }
  });

  it('answers the text exposition with every metric, by route pattern', async () => {
    const response = await fetch(`${gw.url}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      'malipo_http_request_duration_seconds',
      'malipo_payments_created_total',
      'malipo_payments_settled_total',
      'malipo_mpesa_callbacks_received_total',
      'malipo_webhook_attempts_total',
      'malipo_webhook_attempt_duration_seconds',
      'malipo_daraja_requests_total',
      'malipo_daraja_request_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'malipo_queue_jobs', { queue: 'webhook-delivery', state: 'ready' })).toBe(
      0,
    );
    expect(sample(text, 'malipo_mpesa_unprocessed_oldest_seconds', { kind: 'callback' })).toBe(0);
    expect(sample(text, 'malipo_mpesa_unprocessed', { kind: 'result' })).toBe(0);
    expect(sample(text, 'malipo_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a payment created and settled, its STK push, callback and webhook', async () => {
    const created = await gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678', description: 'Metrics', order_reference: 'M-1' },
      callback_url: receiver.url,
    });
    const settled = await gw.client.payments.waitFor(created.payment_id, { timeout: 20_000 });
    expect(settled.status).toBe('COMPLETED');
    await fetch(`${gw.url}/api/v1/payments/${created.payment_id}`);

    const text = await eventually(scrape, (body) =>
      Boolean(sample(body, 'malipo_webhook_attempts_total', { outcome: 'delivered' })),
    );
    // This gateway's only payment: each counted exactly once.
    const payment = { provider: 'MPESA_SAFARICOM' };
    expect(sample(text, 'malipo_payments_created_total', { ...payment, status: 'PENDING' })).toBe(
      1,
    );
    expect(sample(text, 'malipo_payments_settled_total', { ...payment, status: 'COMPLETED' })).toBe(
      1,
    );
    expect(sample(text, 'malipo_daraja_requests_total', { product: 'stkpush', result: 'ok' })).toBe(
      1,
    );
    expect(
      sample(text, 'malipo_daraja_request_duration_seconds_count', { product: 'stkpush' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'malipo_mpesa_callbacks_received_total', { kind: 'callback' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'malipo_webhook_attempt_duration_seconds_count', { outcome: 'delivered' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'malipo_http_request_duration_seconds_count', {
        route: '/api/v1/payments',
        method: 'POST',
        status_class: '2xx',
      }),
    ).toBeGreaterThan(0);
    // The route's pattern, never the path: no id becomes a label.
    expect(
      sample(text, 'malipo_http_request_duration_seconds_count', {
        route: '/api/v1/payments/:payment_id',
        method: 'GET',
      }),
    ).toBeGreaterThan(0);
    expect(text).not.toContain(created.payment_id);
  });

  it('reports how long a stored callback has waited unprocessed', async () => {
    // Stored and marked queued, but no job: nothing will process it while this test looks.
    await gw.gateway.db.query(
      `insert into mpesa_callbacks (id, body, received_at, queued_at)
       values ('cb_metrics_stuck', '{}', now() - interval '90 seconds', now())`,
    );
    try {
      const text = await scrape();
      expect(sample(text, 'malipo_mpesa_unprocessed', { kind: 'callback' })).toBe(1);
      const age = sample(text, 'malipo_mpesa_unprocessed_oldest_seconds', { kind: 'callback' });
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(150);
    } finally {
      await gw.gateway.db.query(`delete from mpesa_callbacks where id = 'cb_metrics_stuck'`);
    }
  });
});

describe('where /metrics is served', () => {
  it('with METRICS_PORT: on that port only, the main port answers 404', async () => {
    const gw = await startTestGateway('pglite', { METRICS_PORT: '0' });
    try {
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
      const metricsUrl = gw.gateway.metricsUrl as string;
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(metricsUrl).not.toBe(gw.url);
      const response = await fetch(`${metricsUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE malipo_payments_created_total counter');
      expect((await fetch(`${metricsUrl}/api/v1/payments`)).status).toBe(404);
    } finally {
      await gw.close();
    }
  });

  it('with neither METRICS_PORT nor METRICS_TOKEN: nowhere', async () => {
    const gw = await startTestGateway('pglite');
    try {
      expect(gw.gateway.metricsUrl).toBeUndefined();
      const response = await fetch(`${gw.url}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});

describe('the outbox gauges, with no relay running (an API process alone on PostgreSQL)', () => {
  it('count the deliveries not queued and the polls past due, and how long the oldest waited', async () => {
    const database = await scratchDatabase('postgres');
    const gateway = await startGateway(
      loadConfig({
        ...testEnv,
        ...database.env,
        METRICS_TOKEN: token,
        MPESA_POLL_SCHEDULE: '600',
        API_KEY: 'sk_test_outbox_gauges_0001',
        API_SECRET: 'secret_outbox_gauges_0001',
      }),
      { api: true, worker: false },
    );
    try {
      const scrape = async () =>
        (
          await fetch(`${gateway.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } })
        ).text();
      const before = await scrape();
      expect(sample(before, 'malipo_outbox_waiting', { outbox: 'delivery' })).toBe(0);
      expect(sample(before, 'malipo_outbox_waiting_oldest_seconds', { outbox: 'poll' })).toBe(0);

      const client = new Malipo({
        apiKey: 'sk_test_outbox_gauges_0001',
        apiSecret: 'secret_outbox_gauges_0001',
        baseUrl: gateway.url as string,
      });
      const created = await client.payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254722222222' },
        callback_url: 'http://127.0.0.1:9/outbox-gauges',
      });
      // Its first early poll is ten minutes away; say it fell due 45 s ago.
      await gateway.db.query(
        `update payments set next_poll_at = now() - interval '45 seconds' where id = $1`,
        [created.payment_id],
      );
      const after = await scrape();
      expect(sample(after, 'malipo_outbox_waiting', { outbox: 'delivery' })).toBe(1);
      expect(
        sample(after, 'malipo_outbox_waiting_oldest_seconds', { outbox: 'delivery' }),
      ).toBeGreaterThan(0);
      expect(sample(after, 'malipo_outbox_waiting', { outbox: 'poll' })).toBe(1);
      const late = sample(after, 'malipo_outbox_waiting_oldest_seconds', { outbox: 'poll' });
      expect(late).toBeGreaterThanOrEqual(45);
      expect(late).toBeLessThan(105);
    } finally {
      await gateway.close();
      await database.drop();
    }
  });
});

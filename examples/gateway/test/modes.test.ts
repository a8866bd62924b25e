import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDarajaSimulator, sandbox } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/merchants/api-keys.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

/** A Daraja on loopback that accepts one credential set and counts what reaches it. */
async function fakeDaraja(consumerKey: string) {
  const simulator = createDarajaSimulator({
    consumerKey,
    consumerSecret: `${consumerKey}-secret`,
    callbackDelayMs: 200,
  });
  let requests = 0;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: (request: Request) => {
          requests++;
          return simulator.handle(request);
        },
        hostname: '127.0.0.1',
        port: 0,
      },
      () => resolve(s),
    );
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    pushes: () => simulator.stats.stkPushes,
    close() {
      simulator.close();
      server.close();
    },
  };
}

const credentials = (prefix: string, key: string, url: string) => ({
  [`${prefix}CONSUMER_KEY`]: key,
  [`${prefix}CONSUMER_SECRET`]: `${key}-secret`,
  [`${prefix}SHORTCODE`]: sandbox.shortcode,
  [`${prefix}PASSKEY`]: sandbox.passkey,
  [`${prefix}BASE_URL`]: url,
});

const payment = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254708374149' },
} as const;

describe.each(databaseKinds)('test and live modes on %s', (kind) => {
  let gw: TestGateway;
  let sandboxDaraja: Awaited<ReturnType<typeof fakeDaraja>>;
  let production: Awaited<ReturnType<typeof fakeDaraja>>;
  let live: { apiKey: string; apiSecret: string };
  let testReceiver: Receiver;
  let liveReceiver: Receiver;

  beforeAll(async () => {
    sandboxDaraja = await fakeDaraja('sandbox-key');
    production = await fakeDaraja('production-key');
    gw = await startTestGateway(kind, {
      ...credentials('MPESA_TEST_', 'sandbox-key', sandboxDaraja.url),
      ...credentials('MPESA_LIVE_', 'production-key', production.url),
      MPESA_CALLBACK_ALLOWLIST: 'false',
      ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
      CHECKOUT_PROMPTS_PER_PHONE: '2',
    });
    live = await createApiKey(gw.gateway.db, 'live');
    testReceiver = await startReceiver(gw.webhookSecret);
    liveReceiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await testReceiver?.close();
    await liveReceiver?.close();
    await gw?.close();
    sandboxDaraja?.close();
    production?.close();
  });

  const call = (
    keys: { apiKey: string; apiSecret: string },
    path: string,
    init: RequestInit = {},
  ) =>
    fetch(`${gw.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        'x-api-key': keys.apiKey,
        'x-api-secret': keys.apiSecret,
        ...(init.headers as Record<string, string>),
      },
    });
  const testKeys = () => ({ apiKey: gw.apiKey, apiSecret: gw.apiSecret });

  it('a test key reaches the sandbox only, a live key production only; objects carry livemode', async () => {
    const productionBefore = production.requests();
    const created = await call(testKeys(), '/api/v1/payments', {
      method: 'POST',
      body: JSON.stringify(payment),
      headers: { 'idempotency-key': 'same-key-both-modes' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ livemode: false });
    expect(sandboxDaraja.pushes()).toBe(1);
    expect(production.requests()).toBe(productionBefore);

    // The same Idempotency-Key in the other mode is another key: a new payment, not a replay.
    const liveCreated = await call(live, '/api/v1/payments', {
      method: 'POST',
      body: JSON.stringify(payment),
      headers: { 'idempotency-key': 'same-key-both-modes' },
    });
    expect(liveCreated.status).toBe(201);
    expect(liveCreated.headers.get('idempotent-replayed')).toBeNull();
    expect(await liveCreated.json()).toMatchObject({ livemode: true });
    expect(production.pushes()).toBe(1);
    expect(sandboxDaraja.pushes()).toBe(1);
  });

  it('test and live data never cross: lists, retrieval, endpoints, deliveries and events', async () => {
    const register = async (keys: { apiKey: string; apiSecret: string }, url: string) =>
      (
        await call(keys, '/api/v1/webhook-endpoints', {
          method: 'POST',
          body: JSON.stringify({ url }),
        })
      ).json();
    const testEndpoint = await register(testKeys(), testReceiver.url);
    const liveEndpoint = await register(live, liveReceiver.url);
    expect(testEndpoint.livemode).toBe(false);
    expect(liveEndpoint.livemode).toBe(true);
    // Each receiver verifies with its endpoint's own secret.
    testReceiver.secret = testEndpoint.secret;
    liveReceiver.secret = liveEndpoint.secret;

    const testPayment = await (
      await call(testKeys(), '/api/v1/payments', { method: 'POST', body: JSON.stringify(payment) })
    ).json();
    const livePayment = await (
      await call(live, '/api/v1/payments', { method: 'POST', body: JSON.stringify(payment) })
    ).json();

    const list = async (keys: { apiKey: string; apiSecret: string }, path: string) =>
      (await (await call(keys, path)).json()).data as { livemode: boolean }[];
    expect((await list(testKeys(), '/api/v1/payments')).every((p) => !p.livemode)).toBe(true);
    expect((await list(live, '/api/v1/payments')).every((p) => p.livemode)).toBe(true);
    expect((await call(testKeys(), `/api/v1/payments/${livePayment.payment_id}`)).status).toBe(404);
    expect((await call(live, `/api/v1/payments/${testPayment.payment_id}`)).status).toBe(404);
    expect((await list(testKeys(), '/api/v1/webhook-endpoints')).map((e) => e.livemode)).toEqual([
      false,
    ]);
    expect((await list(live, '/api/v1/webhook-endpoints')).map((e) => e.livemode)).toEqual([true]);

    // Each payment's events reach its own mode's endpoint only, marked with the mode.
    const eventsOf = (receiver: Receiver, id: string) =>
      receiver.events.filter((e) => 'payment_id' in e && e.payment_id === id);
    await eventually(
      async () => eventsOf(testReceiver, testPayment.payment_id),
      (events) => events.some((e) => e.event === 'payment.completed'),
    );
    await eventually(
      async () => eventsOf(liveReceiver, livePayment.payment_id),
      (events) => events.some((e) => e.event === 'payment.completed'),
    );
    expect(eventsOf(testReceiver, livePayment.payment_id)).toEqual([]);
    expect(eventsOf(liveReceiver, testPayment.payment_id)).toEqual([]);
    expect(eventsOf(testReceiver, testPayment.payment_id).every((e) => e.livemode === false)).toBe(
      true,
    );
    expect(eventsOf(liveReceiver, livePayment.payment_id).every((e) => e.livemode === true)).toBe(
      true,
    );

    const deliveries = await list(live, '/api/v1/webhooks');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.livemode)).toBe(true);
    const testDelivery = (await list(testKeys(), '/api/v1/webhooks'))[0] as unknown as {
      webhook_id: string;
    };
    const crossRetry = await call(live, `/api/v1/webhooks/${testDelivery.webhook_id}/retry`, {
      method: 'POST',
      body: '{}',
    });
    expect(crossRetry.status).toBe(404);
  });

  it("a test event never verifies at a live receiver: the merchant's secret differs by mode", async () => {
    expect(gw.liveWebhookSecret).toMatch(/^whsec_/);
    expect(gw.liveWebhookSecret).not.toBe(gw.webhookSecret);
    // A receiver of live callback_url deliveries, verifying with the live secret. Anyone with a
    // test key can point a test payment at it: that event must not verify there.
    const shop = await startReceiver(gw.liveWebhookSecret);
    try {
      const create = async (keys: { apiKey: string; apiSecret: string }, phone: string) =>
        (
          await call(keys, '/api/v1/payments', {
            method: 'POST',
            body: JSON.stringify({
              ...payment,
              callback_url: shop.url,
              metadata: { phone_number: phone },
            }),
          })
        ).json() as Promise<{ payment_id: string }>;
      const forged = await create(testKeys(), '254711111111');
      const failed = await eventually(
        async () =>
          gw.gateway.db.query<{ status: string; attempts: number }>(
            `select d.status, d.attempts from webhook_deliveries d join events e on e.id = d.event_id
             where e.payment_id = $1 and d.endpoint_id is null`,
            [forged.payment_id],
          ),
        (rows) => rows.length > 0 && rows.every((row) => row.attempts > 0),
      );
      expect(failed.every((row) => row.status !== 'DELIVERED')).toBe(true);
      expect(shop.hits).toBeGreaterThan(0);
      const genuine = await create(live, '254711111112');
      const events = await eventually(
        async () =>
          shop.events.filter((e) => 'payment_id' in e && e.payment_id === genuine.payment_id),
        (found) => found.some((e) => e.event === 'payment.completed'),
      );
      expect(events.every((e) => e.livemode === true)).toBe(true);
      expect(shop.events.some((e) => 'payment_id' in e && e.payment_id === forged.payment_id)).toBe(
        false,
      );
    } finally {
      await shop.close();
    }
  });

  it('a callback on the test token never settles a live payment', async () => {
    const livePayment = await (
      await call(live, '/api/v1/payments', {
        method: 'POST',
        body: JSON.stringify({ ...payment, metadata: { phone_number: '254722222222' } }),
      })
    ).json();
    const testToken = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const { buildStkCallback } = await import('@malipo/daraja/testing');
    const answer = await fetch(`${gw.url}/callbacks/mpesa/${testToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        buildStkCallback({
          checkoutRequestId: livePayment.provider_reference,
          resultCode: 0,
          amount: 100,
          phone: '254722222222',
        }),
      ),
    });
    expect(answer.status).toBe(200);
    const outcome = await eventually(
      () =>
        gw.gateway.db.query<{ outcome: string | null }>(
          'select outcome from mpesa_callbacks where checkout_request_id = $1',
          [livePayment.provider_reference],
        ),
      (rows) => rows.some((row) => row.outcome !== null),
    );
    expect(outcome.map((row) => row.outcome)).toContain('unmatched');
    const stored = await (await call(live, `/api/v1/payments/${livePayment.payment_id}`)).json();
    expect(stored.status).not.toBe('COMPLETED');
  });

  it("test checkouts never use up a phone's live prompts", async () => {
    const attempt = async (keys: { apiKey: string; apiSecret: string }) => {
      const answer = await call(keys, '/api/v1/checkout/sessions', {
        method: 'POST',
        body: JSON.stringify({
          amount_cents: 10_000,
          currency: 'KES',
          success_url: 'https://shop.example/paid',
          cancel_url: 'https://shop.example/cart',
        }),
      });
      expect(answer.status).toBe(201);
      const { url } = (await answer.json()) as { url: string };
      const page = new URL(url);
      return fetch(`${gw.url}${page.pathname}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: '0712 000 001' }),
      });
    };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(testKeys())).status);
    expect(statuses).toEqual([201, 201, 429]);
    const pushes = production.pushes();
    expect((await attempt(live)).status).toBe(201);
    await eventually(
      async () => production.pushes(),
      (count) => count === pushes + 1,
    );
  });
});

describe('a live key on a gateway without production credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  it('gets a clear 403 and nothing is stored', async () => {
    const live = await createApiKey(gw.gateway.db, 'live');
    const answer = await fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': live.apiKey,
        'x-api-secret': live.apiSecret,
      },
      body: JSON.stringify(payment),
    });
    expect(answer.status).toBe(403);
    const { error } = await answer.json();
    expect(error.code).toBe('MODE_NOT_CONFIGURED');
    expect(error.message).toMatch(/MPESA_LIVE_CONSUMER_KEY/);
    const rows = await gw.gateway.db.query(`select id from payments where mode = 'live'`);
    expect(rows).toEqual([]);
  });
});

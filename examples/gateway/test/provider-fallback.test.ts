import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { CreatePaymentRequest } from '@malipo/contract';
import { createDarajaSimulator, sandbox } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from './support/dashboard-session.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/** Either provider may take it: the phone for M-Pesa, the card for BUNI. */
const either: CreatePaymentRequest = {
  amount_cents: 10_000,
  currency: 'KES',
  providers: ['MPESA_SAFARICOM', 'BUNI'],
  metadata: { phone_number: '254708374149' },
  card: { number: '4111111111111111', expiry: '12/25', cvv: '123' },
};

/** Daraja's own "busy" answer: an error envelope with a 5xx, so certainly nothing was started. */
const busy = {
  endpoint: 'stkpush' as const,
  status: 503,
  body: { requestId: '1-2-3', errorCode: '500.003.02', errorMessage: 'System is busy' },
};

const transitionsOf = (gw: TestGateway, id: string) =>
  gw.gateway.db.query<{ reason: string; data: { provider?: string } | null }>(
    'select reason, data from payment_transitions where payment_id = $1 order by id',
    [id],
  );

describe.each(databaseKinds)('provider fallback and circuit breakers on %s', (kind) => {
  let gw: TestGateway;
  const simulator = () =>
    gw.gateway.mpesa.simulator as NonNullable<typeof gw.gateway.mpesa.simulator>;

  beforeAll(async () => {
    gw = await startTestGateway(kind, {
      PROVIDER_BREAKER_FAILURES: '2',
      // Long enough for the steps between the circuit opening and the first probe on a slow,
      // shared machine (a probe that comes early meets the waiting fault too soon).
      PROVIDER_BREAKER_HALF_OPEN_SECONDS: '6',
    });
  });
  afterAll(() => gw?.close());

  const health = async () =>
    ((await (await fetch(`${gw.url}/health`)).json()) as { providers: Record<string, string> })
      .providers;

  it('M-Pesa down before it acted: the payment completes on BUNI and records the failed attempt', async () => {
    simulator().failNext(busy);
    const created = await gw.client.payments.create(either);
    expect(created.status).toBe('COMPLETED');
    const payment = await gw.client.payments.retrieve(created.payment_id);
    expect(payment).toMatchObject({
      provider: 'BUNI',
      status: 'COMPLETED',
      card: { last4: '1111' },
    });
    const trail = await transitionsOf(gw, created.payment_id);
    expect(trail.map((t) => t.reason)).toEqual(['created', 'provider_down', 'charge']);
    expect(trail[1]?.data).toMatchObject({ provider: 'MPESA_SAFARICOM', next: 'BUNI' });
  });

  it('a prompt-uncertain M-Pesa failure never falls back: nothing is charged on the card', async () => {
    simulator().failNext({
      endpoint: 'stkpush',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
    });
    const answer = await fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
      },
      body: JSON.stringify(either),
    });
    expect(answer.status).toBe(502);
    const id = ((await answer.json()) as { error: { payment_id: string } }).error.payment_id;
    const payment = await gw.client.payments.retrieve(id as string);
    expect(payment).toMatchObject({
      provider: 'MPESA_SAFARICOM',
      status: 'FAILED',
      failure_code: 'PROVIDER_UNCONFIRMED',
    });
    expect(gw.gateway.buni.simulator.charge(id as string)).toBeUndefined();
  });

  it('after repeated failures the circuit opens and M-Pesa is skipped without a request, until a probe succeeds', async () => {
    // An M-Pesa success first: the count of failures in a row starts from zero.
    const fine = await gw.client.payments.create({
      ...either,
      providers: ['MPESA_SAFARICOM'],
      card: undefined,
    });
    expect(fine.status).toBe('PENDING');
    expect((await health())['MPESA_SAFARICOM:test']).toBe('closed');
    // Two "down" answers in a row open M-Pesa's circuit (threshold 2).
    for (let i = 0; i < 2; i++) {
      simulator().failNext(busy);
      expect((await gw.client.payments.create(either)).status).toBe('COMPLETED');
    }
    expect((await health())['MPESA_SAFARICOM:test']).toBe('open');
    // The dashboard shows it too.
    const dashboard = await signInOverHttp(gw.url, gw.gateway.loginLink as string);
    expect(await (await dashboard.get('/dashboard/payments')).text()).toMatch(
      /MPESA_SAFARICOM <span class="status s-FAILED">down \(skipped\)<\/span>/,
    );
    // Open: skipped without a request, so this fault is still waiting for the next push.
    simulator().failNext(busy);
    const skipped = await gw.client.payments.create(either);
    expect(skipped.status).toBe('COMPLETED');
    expect((await transitionsOf(gw, skipped.payment_id))[1]?.data).toMatchObject({
      provider: 'MPESA_SAFARICOM',
    });
    // A single-provider M-Pesa payment is refused at once while the circuit is open.
    const refused = await fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
      },
      body: JSON.stringify({
        ...either,
        providers: undefined,
        provider: 'MPESA_SAFARICOM',
        card: undefined,
      }),
    });
    expect(refused.status).toBe(503);
    // Half-open after 6 s: the probe meets the waiting fault (proof the skip sent nothing) and
    // the circuit opens again; the next probe succeeds and closes it.
    await new Promise((resolve) => setTimeout(resolve, 6_200));
    const probed = await gw.client.payments.create(either);
    expect((await gw.client.payments.retrieve(probed.payment_id)).provider).toBe('BUNI');
    expect((await health())['MPESA_SAFARICOM:test']).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 6_200));
    const recovered = await gw.client.payments.create(either);
    expect(recovered.status).toBe('PENDING');
    const settled = await eventually(
      () => gw.client.payments.retrieve(recovered.payment_id),
      (p) => p.status !== 'PENDING',
    );
    expect(settled).toMatchObject({ provider: 'MPESA_SAFARICOM', status: 'COMPLETED' });
    expect((await health())['MPESA_SAFARICOM:test']).toBe('closed');
  });

  it('refuses lists it cannot honour, naming the field', async () => {
    const post = (body: object) =>
      fetch(`${gw.url}/api/v1/payments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': gw.apiKey,
          'x-api-secret': gw.apiSecret,
        },
        body: JSON.stringify(body),
      }).then(async (r) => [
        r.status,
        ((await r.json()) as { error: { field: string } }).error.field,
      ]);
    expect(await post({ ...either, providers: ['MPESA_SAFARICOM', 'MPESA_SAFARICOM'] })).toEqual([
      400,
      'providers',
    ]);
    expect(await post({ ...either, providers: ['MPESA_SAFARICOM', 'KAREENHUB'] })).toEqual([
      400,
      'providers',
    ]);
    expect(await post({ ...either, card: undefined })).toEqual([400, 'card']);
    expect(await post({ ...either, metadata: {} })).toEqual([400, 'metadata.phone_number']);
    expect(await post({ ...either, providers: undefined })).toEqual([400, 'provider']);
  });
});

describe.each(databaseKinds)('M-Pesa unreachable (its Daraja stopped) on %s', (kind) => {
  let gw: TestGateway;
  let daraja: ReturnType<typeof serve>;

  beforeAll(async () => {
    const simulator = createDarajaSimulator({
      consumerKey: 'k',
      consumerSecret: 's',
      callbackDelayMs: 100,
    });
    daraja = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: simulator.handle, hostname: '127.0.0.1', port: 0 }, () =>
        resolve(s),
      );
    });
    const url = `http://127.0.0.1:${(daraja.address() as AddressInfo).port}`;
    gw = await startTestGateway(kind, {
      MPESA_TEST_CONSUMER_KEY: 'k',
      MPESA_TEST_CONSUMER_SECRET: 's',
      MPESA_TEST_SHORTCODE: sandbox.shortcode,
      MPESA_TEST_PASSKEY: sandbox.passkey,
      MPESA_TEST_BASE_URL: url,
      MPESA_CALLBACK_ALLOWLIST: 'false',
    });
    await new Promise((resolve) => daraja.close(resolve));
  });
  afterAll(() => gw?.close());

  it('a payment listing ["MPESA_SAFARICOM","BUNI"] completes on BUNI', async () => {
    const created = await gw.client.payments.create(either);
    expect(created.status).toBe('COMPLETED');
    expect((await gw.client.payments.retrieve(created.payment_id)).provider).toBe('BUNI');
    const trail = await transitionsOf(gw, created.payment_id);
    expect(trail.map((t) => t.reason)).toContain('provider_down');
  });
});

import { buildStkCallback } from '@malipo/daraja/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { type RunningGateway, startGateway } from '../src/gateway.js';
import { scratchDatabase } from './support/databases.js';
import { eventually, startTestGateway, testEnv } from './support/harness.js';

/**
 * M-Pesa is answered after one insert; the outbox relay queues what was stored. Nothing the API
 * acknowledged waits on a worker being up, and a burst is acknowledged first, processed after.
 */
describe('callbacks through the outbox relay', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('PostgreSQL: callbacks an API process stored while no worker ran are processed once one starts', async () => {
    const database = await scratchDatabase('postgres');
    cleanups.push(() => database.drop());
    const config = loadConfig({
      ...testEnv,
      ...database.env,
      API_KEY: 'sk_test_relay_key_0001',
      API_SECRET: 'secret_relay_secret_0001',
    });
    const api = await startGateway(config, { api: true, worker: false });
    cleanups.push(() => api.close());
    const url = api.url as string;
    const headers = {
      'content-type': 'application/json',
      'x-api-key': 'sk_test_relay_key_0001',
      'x-api-secret': 'secret_relay_secret_0001',
    };
    const created = await fetch(`${url}/api/v1/payments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678' },
      }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { payment_id: string };

    // The simulator's callback arrives and is stored, unqueued: no worker is running anywhere.
    const stored = await eventually(
      () =>
        api.db.query<{ queued_at: Date | null }>(
          'select queued_at from mpesa_callbacks where checkout_request_id is not null',
        ),
      (rows) => rows.length === 1,
    );
    expect(stored[0]?.queued_at).toBeNull();
    const pending = await fetch(`${url}/api/v1/payments/${payment.payment_id}`, { headers });
    expect(((await pending.json()) as { status: string }).status).toBe('PENDING');

    // A worker process starts: its relay finds the stored callback and the payment settles.
    const worker: RunningGateway = await startGateway(
      { ...config, publicUrl: url },
      { api: false, worker: true },
    );
    cleanups.push(() => worker.close());
    const settled = await eventually(
      async () =>
        (await (
          await fetch(`${url}/api/v1/payments/${payment.payment_id}`, { headers })
        ).json()) as {
          status: string;
        },
      (body) => body.status !== 'PENDING',
      15_000,
    );
    expect(settled.status).toBe('COMPLETED');
  });

  it('PGlite: a burst of 300 callbacks at once is acknowledged, then every one is processed', async () => {
    const gw = await startTestGateway('pglite');
    cleanups.push(() => gw.close());
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${gw.url}/callbacks/mpesa/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            buildStkCallback({ checkoutRequestId: `ws_CO_burst_${i}`, resultCode: 1032 }),
          ),
        }).then((response) => response.status),
      ),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    const outcomes = await eventually(
      () =>
        gw.gateway.db.query<{ outcome: string | null }>(
          `select outcome from mpesa_callbacks where checkout_request_id like 'ws_CO_burst_%'`,
        ),
      (rows) => rows.length === 300 && rows.every((row) => row.outcome !== null),
      30_000,
    );
    // None of them matches a payment: each was processed once, and is kept for a person.
    expect(new Set(outcomes.map((row) => row.outcome))).toEqual(new Set(['unmatched']));
  });
});

import { buildStkCallback } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPayment } from './support/create-request.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

describe.each(databaseKinds)('exactly once on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    // A long simulated customer so the callbacks in these tests are the ones we send.
    gw = await startTestGateway(kind, {
      TEST_PROCESSING_DELAY: '600000',
      MPESA_POLL_SCHEDULE: '600',
    });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const body = (amount = 10_000) =>
    JSON.stringify({
      amount_cents: amount,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678', description: 'Test Payment' },
      callback_url: receiver.url,
    });

  const post = (payload: string, key: string) => postPayment(gw, payload, key);

  const countPayments = async () =>
    Number(
      (await gw.gateway.db.query<{ n: string }>('select count(*)::text as n from payments'))[0]?.n,
    );

  it('50 concurrent creates with one key: one payment, one STK push, 50 identical answers', async () => {
    const paymentsBefore = await countPayments();
    const pushesBefore = gw.gateway.mpesa.simulator?.stats.stkPushes ?? 0;
    const input = JSON.parse(body());
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        gw.client.payments.create(input, { idempotencyKey: 'order-50-concurrent' }),
      ),
    );
    expect(await countPayments()).toBe(paymentsBefore + 1);
    expect((gw.gateway.mpesa.simulator?.stats.stkPushes ?? 0) - pushesBefore).toBe(1);
    const plain = answers.map((answer) => JSON.stringify(answer));
    expect(new Set(plain).size).toBe(1);

    // Over raw HTTP the same key replays the first answer, status included.
    const replay = await post(body(), 'order-50-concurrent');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(await replay.json())).toBe(plain[0]);
  });

  it('a create stores its answer under the key with the STK push, byte for byte the answer sent', async () => {
    const created = await post(body(15_000), 'answer-with-push');
    expect(created.status).toBe(201);
    const sent = await created.text();
    const rows = await gw.gateway.db.query(
      'select state, response_status, response_body, resource_id from idempotency_keys where key = $1',
      ['answer-with-push'],
    );
    expect(rows).toEqual([
      {
        state: 'done',
        response_status: 201,
        response_body: sent,
        resource_id: JSON.parse(sent).payment_id,
      },
    ]);
    // The legacy path answers 200 for the same stored answer.
    const legacy = await fetch(`${gw.url}/api/payments/create`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
        'idempotency-key': 'answer-with-push',
      },
      body: body(15_000),
    });
    expect(legacy.status).toBe(200);
    expect(await legacy.text()).toBe(sent);
  });

  it('raw concurrent requests wait for the first and get its answer: never a second payment', async () => {
    const before = await countPayments();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(body(20_000), 'raw-concurrent')),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(
      19,
    );
    expect(await countPayments()).toBe(before + 1);
  });

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    expect((await post(body(30_000), 'reuse-key')).status).toBe(201);
    const reused = await post(body(40_000), 'reuse-key');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      success: false,
      error: {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: expect.stringContaining('different request body'),
        field: 'Idempotency-Key',
      },
    });
  });

  it('a used key answers before the body is judged: a body the gateway refuses is still IDEMPOTENCY_KEY_REUSED', async () => {
    expect((await post(body(60_000), 'judged-after-key')).status).toBe(201);
    // Not whole shillings: refused by M-Pesa's checks, but the key speaks first.
    const reused = await post(body(60_050), 'judged-after-key');
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('a refused create keeps nothing under its key: the same key then serves the corrected request', async () => {
    const refused = await post(body(70_050), 'corrected-later');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_AMOUNT',
    );
    expect(
      await gw.gateway.db.query('select 1 from idempotency_keys where key = $1', [
        'corrected-later',
      ]),
    ).toEqual([]);
    expect((await post(body(70_000), 'corrected-later')).status).toBe(201);
  });

  it('the same callback delivered 10 times concurrently: one transition, one event, one webhook', async () => {
    const created = await gw.client.payments.create(JSON.parse(body()));
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const callback = buildStkCallback({
      checkoutRequestId: created.provider_reference as string,
      resultCode: 0,
      amount: 100,
      phone: '254712345678',
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${gw.url}/callbacks/mpesa/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(callback),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await answers[0]?.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });

    // Every copy is kept (audit) and processed; exactly one settles the payment.
    const processed = await eventually(
      () =>
        gw.gateway.db.query<{ outcome: string | null }>(
          'select outcome from mpesa_callbacks where checkout_request_id = $1',
          [created.provider_reference],
        ),
      (rows) => rows.length === 10 && rows.every((row) => row.outcome !== null),
    );
    expect(processed.filter((row) => row.outcome?.startsWith('settled')).length).toBe(1);
    const transitions = await gw.gateway.db.query(
      'select * from payment_transitions where payment_id = $1',
      [created.payment_id],
    );
    expect(transitions).toHaveLength(2);
    // One settlement event (besides the `payment.pending` of the accepted push).
    const events = await gw.gateway.db.query(
      `select * from events where payment_id = $1 and type <> 'payment.pending'`,
      [created.payment_id],
    );
    expect(events).toHaveLength(1);
    const settlementEvents = () =>
      receiver.events.filter(
        (e) =>
          'payment_id' in e && e.payment_id === created.payment_id && e.event !== 'payment.pending',
      );
    await eventually(
      async () => settlementEvents(),
      (list) => list.length === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(settlementEvents()).toHaveLength(1);
  });

  it('a completed callback whose amount disagrees is flagged, never completed', async () => {
    const created = await gw.client.payments.create(JSON.parse(body()));
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const callback = buildStkCallback({
      checkoutRequestId: created.provider_reference as string,
      resultCode: 0,
      amount: 1,
      phone: '254712345678',
    });
    const answer = await fetch(`${gw.url}/callbacks/mpesa/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callback),
    });
    expect(answer.status).toBe(200);
    const row = await eventually(
      async () =>
        (
          await gw.gateway.db.query<{ status: string; flagged_reason: string | null }>(
            'select status, flagged_reason from payments where id = $1',
            [created.payment_id],
          )
        )[0],
      (payment) => payment?.flagged_reason != null,
    );
    expect(row?.status).toBe('PENDING');
    expect(row?.flagged_reason).toContain('amount 100 ≠ 10000 cents');
  });

  it('a wrong callback token is a plain 404 and nothing is stored', async () => {
    const before = (await gw.gateway.db.query('select id from mpesa_callbacks')).length;
    const answer = await fetch(`${gw.url}/callbacks/mpesa/not-the-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_x' })),
    });
    expect(answer.status).toBe(404);
    expect((await gw.gateway.db.query('select id from mpesa_callbacks')).length).toBe(before);
  });
});

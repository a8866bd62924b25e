import { Malipo } from '@malipo/client';
import type { CreatePaymentRequest } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../src/jobs/queues.js';
import { createApiKey } from '../src/merchants/api-keys.js';
import { createMerchant } from '../src/merchants/operations.js';
import { expireAuthorizations } from '../src/payments/card-authorisation.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const cards = {
  succeeds: '4111111111111111',
  declined: '4000000000000002',
  insufficient: '4000000000009995',
};

const cardPayment = (number: string, extra: Partial<CreatePaymentRequest> = {}) =>
  ({
    amount_cents: 250_050,
    currency: 'KES',
    provider: 'BUNI',
    card: { number, expiry: '12/25', cvv: '987' },
    metadata: { order_reference: 'ORDER-77' },
    ...extra,
  }) as CreatePaymentRequest;

describe.each(databaseKinds)('BUNI card payments (test mode) on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    // The background sweep runs once at start, then not again during these tests: the tests run
    // the expiry sweeps themselves and count what they expire.
    gw = await startTestGateway(kind, { RECONCILE_INTERVAL_SECONDS: '3600' });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const post = (body: unknown, keys = { apiKey: gw.apiKey, apiSecret: gw.apiSecret }) =>
    fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': keys.apiKey,
        'x-api-secret': keys.apiSecret,
      },
      body: JSON.stringify(body),
    });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: { status: number; code: string; field: string }) => error,
    );
  const eventFor = (paymentId: string) =>
    eventually(
      async () =>
        receiver.events.filter((e) => (e as { payment_id?: string }).payment_id === paymentId),
      (events) => events.length > 0,
    );

  it.each([
    [cards.succeeds, 'COMPLETED', null, 'payment.completed'],
    [cards.declined, 'FAILED', 'card_declined', 'payment.failed'],
    [cards.insufficient, 'FAILED', 'insufficient_funds', 'payment.failed'],
  ])(
    'test card %s ends %s (%s), with a verified %s webhook',
    async (number, status, code, event) => {
      const created = await gw.client.payments.create(
        cardPayment(number, { callback_url: receiver.url }),
      );
      expect(created.status).toBe(status);
      const payment = await gw.client.payments.retrieve(created.payment_id);
      expect(payment).toMatchObject({
        status,
        provider: 'BUNI',
        failure_code: code,
        amount_cents: 250_050,
        amount_captured_cents: status === 'COMPLETED' ? 250_050 : 0,
        card: { brand: 'visa', last4: number.slice(-4), exp_month: 12, exp_year: 2025 },
      });
      if (status === 'COMPLETED') expect(payment.receipt).toMatch(/^ch_/);
      const [received] = await eventFor(created.payment_id);
      expect(received).toMatchObject({ event, status, provider: 'BUNI' });
    },
  );

  it('refuses bad card details naming the field, before anything is stored', async () => {
    const before = (await gw.gateway.db.query("select id from payments where provider = 'BUNI'"))
      .length;
    const refusals: [unknown, number, string][] = [
      [cardPayment('4111111111111112'), 400, 'card.number'],
      [cardPayment('4242424242424242'), 400, 'card.number'],
      [
        {
          ...cardPayment(cards.succeeds),
          card: { number: cards.succeeds, expiry: '13/30', cvv: '987' },
        },
        400,
        'card.expiry',
      ],
      [
        {
          ...cardPayment(cards.succeeds),
          card: { number: cards.succeeds, expiry: '12/30', cvv: '9876' },
        },
        400,
        'card.cvv',
      ],
      [{ ...cardPayment(cards.succeeds), card: undefined }, 400, 'card'],
      [
        { ...cardPayment(cards.succeeds), card: { number: 'x', expiry: '12/30', cvv: '987' } },
        400,
        'card.number',
      ],
      [{ ...cardPayment(cards.succeeds), currency: 'usd' }, 400, 'currency'],
      [{ ...cardPayment(cards.succeeds), provider: 'KAREENHUB' }, 400, 'provider'],
      [
        {
          amount_cents: 10_000,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: { phone_number: '254708374149' },
          card: { number: cards.succeeds, expiry: '12/30', cvv: '987' },
        },
        400,
        'card',
      ],
    ];
    for (const [body, statusCode, field] of refusals) {
      const answer = await post(body);
      const error = ((await answer.json()) as { error: { field: string; message: string } }).error;
      expect([answer.status, error.field], JSON.stringify({ body, error })).toEqual([
        statusCode,
        field,
      ]);
    }
    const kareenhub = await post({ ...cardPayment(cards.succeeds), provider: 'KAREENHUB' });
    expect(((await kareenhub.json()) as { error: { message: string } }).error.message).toMatch(
      /KAREENHUB is not available on this gateway/,
    );
    expect(
      (await gw.gateway.db.query("select id from payments where provider = 'BUNI'")).length,
    ).toBe(before);
  });

  it('live card payments are refused: there is no acquirer integration', async () => {
    const live = await createApiKey(gw.gateway.db, 'live');
    const answer = await post(cardPayment(cards.succeeds), live);
    expect(answer.status).toBe(403);
    const error = ((await answer.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('MODE_NOT_CONFIGURED');
    expect(error.message).toMatch(/acquir/);
  });

  const authorised = async () => {
    const created = await gw.client.payments.create(
      cardPayment(cards.succeeds, { capture_method: 'manual', callback_url: receiver.url }),
    );
    expect(created.status).toBe('AUTHORIZED');
    return created.payment_id;
  };
  const eventsOf = (paymentId: string) =>
    receiver.events
      .filter((e) => (e as { payment_id?: string }).payment_id === paymentId)
      .map((e) => e.event);

  it('authorise, then capture part: COMPLETED for that part, the rest released, payment.captured sent', async () => {
    const id = await authorised();
    const held = await gw.client.payments.retrieve(id);
    expect(held).toMatchObject({ status: 'AUTHORIZED', amount_captured_cents: 0 });
    // Authorisations waiting for their capture can be listed.
    const waiting = await gw.client.payments.list({ status: 'AUTHORIZED', limit: 100 });
    expect(waiting.data.map((p) => p.payment_id)).toContain(id);
    expect(waiting.data.every((p) => p.status === 'AUTHORIZED')).toBe(true);
    const captured = await gw.client.payments.capture(id, { amount_cents: 100_000 });
    expect(captured).toMatchObject({
      status: 'COMPLETED',
      amount_captured_cents: 100_000,
      amount_cents: 250_050,
    });
    expect(gw.gateway.buni.simulator.charge(id)).toMatchObject({
      status: 'succeeded',
      amount_captured: 100_000,
    });
    await eventually(
      async () => eventsOf(id),
      (events) => events.includes('payment.captured'),
    );
    expect(eventsOf(id)).toEqual(['payment.captured']);
    const again = await failure(gw.client.payments.capture(id, { amount_cents: 1_000 }));
    expect(again).toMatchObject({ status: 409, code: 'INVALID_STATE' });
  });

  it('refuses to capture more than was authorised, and captures nothing', async () => {
    const id = await authorised();
    const error = await failure(gw.client.payments.capture(id, { amount_cents: 250_051 }));
    expect(error).toMatchObject({ status: 400, code: 'INVALID_AMOUNT', field: 'amount_cents' });
    expect((await gw.client.payments.retrieve(id)).status).toBe('AUTHORIZED');
    expect(gw.gateway.buni.simulator.charge(id)?.status).toBe('authorized');
  });

  it('void releases the authorisation: CANCELLED, payment.cancelled; it can no longer be captured', async () => {
    const id = await authorised();
    const voided = await gw.client.payments.void(id);
    expect(voided).toMatchObject({
      status: 'CANCELLED',
      amount_captured_cents: 0,
      failure_code: 'VOIDED',
    });
    expect(gw.gateway.buni.simulator.charge(id)?.status).toBe('voided');
    await eventually(
      async () => eventsOf(id),
      (events) => events.includes('payment.cancelled'),
    );
    expect((await failure(gw.client.payments.capture(id))).status).toBe(409);
  });

  it('an authorisation not captured in time expires: EXPIRED, released, payment.expired', async () => {
    const id = await authorised();
    await gw.gateway.db.query(
      "update payments set authorized_until = now() - interval '1 second' where id = $1",
      [id],
    );
    expect(await expireAuthorizations(gw.gateway)).toBeGreaterThanOrEqual(1);
    expect(await gw.client.payments.retrieve(id)).toMatchObject({
      status: 'EXPIRED',
      failure_code: 'AUTHORIZATION_EXPIRED',
    });
    expect(gw.gateway.buni.simulator.charge(id)?.status).toBe('voided');
    await eventually(
      async () => eventsOf(id),
      (events) => events.includes('payment.expired'),
    );
  });

  it('an authorisation captured at BUNI while its hold ran out ends COMPLETED, as BUNI says', async () => {
    const id = await authorised();
    const payment = await gw.client.payments.retrieve(id);
    // The capture reached BUNI; its answer is not recorded yet when the sweep comes.
    await gw.gateway.buni.forMode('test').capture(payment.provider_reference as string, 100_000);
    await gw.gateway.db.query(
      "update payments set authorized_until = now() - interval '1 second' where id = $1",
      [id],
    );
    await expireAuthorizations(gw.gateway);
    expect(await gw.client.payments.retrieve(id)).toMatchObject({
      status: 'COMPLETED',
      amount_captured_cents: 100_000,
    });
    await eventually(
      async () => eventsOf(id),
      (events) => events.includes('payment.captured'),
    );
  });

  it('two captures of one authorisation at once: one captures, the other of another amount is 409', async () => {
    const id = await authorised();
    const answers = await Promise.allSettled([
      gw.client.payments.capture(id, { amount_cents: 1_000 }),
      gw.client.payments.capture(id, { amount_cents: 2_000 }),
    ]);
    const captured = (await gw.client.payments.retrieve(id)).amount_captured_cents;
    expect([1_000, 2_000]).toContain(captured);
    const won = answers[captured === 1_000 ? 0 : 1];
    const lost = answers[captured === 1_000 ? 1 : 0];
    expect(won).toMatchObject({ status: 'fulfilled', value: { amount_captured_cents: captured } });
    expect(lost).toMatchObject({
      status: 'rejected',
      reason: { status: 409, code: 'INVALID_STATE' },
    });
  });

  it('refunds a captured card payment back to the card, in parts, never past what was captured', async () => {
    const created = await gw.client.payments.create(cardPayment(cards.succeeds));
    const part = await gw.client.payments.refund(created.payment_id, { amount_cents: 50_050 });
    expect(part).toMatchObject({
      status: 'PROCESSED',
      method: 'CARD_REFUND',
      amount_cents: 50_050,
    });
    expect(part.receipt).toMatch(/^rf_/);
    const over = await failure(
      gw.client.payments.refund(created.payment_id, { amount_cents: 200_001 }),
    );
    expect(over).toMatchObject({ status: 400, code: 'INVALID_AMOUNT' });
    const rest = await gw.client.payments.refund(created.payment_id);
    expect(rest).toMatchObject({ status: 'PROCESSED', amount_cents: 200_000 });
    expect((await gw.client.payments.retrieve(created.payment_id)).amount_refunded_cents).toBe(
      250_050,
    );
    expect(gw.gateway.buni.simulator.charge(created.payment_id)).toMatchObject({
      amount_refunded: 250_050,
    });
  });

  it('a payment refunded in full has nothing left to refund: 400, not a 500', async () => {
    const created = await gw.client.payments.create(cardPayment(cards.succeeds));
    await gw.client.payments.refund(created.payment_id);
    for (const body of [{}, { amount_cents: 1 }]) {
      const again = await failure(gw.client.payments.refund(created.payment_id, body));
      expect(again).toMatchObject({ status: 400, code: 'INVALID_AMOUNT' });
    }
  });

  it('money in other currencies never counts as KES: not in the balance, not for a payout', async () => {
    // A merchant of its own, so that other tests' KES payments are not in its balance.
    const keys = await createMerchant(gw.gateway.db, 'Currencies');
    const client = new Malipo({ apiKey: keys.apiKey, apiSecret: keys.apiSecret, baseUrl: gw.url });
    await client.payments.create(cardPayment(cards.succeeds, { amount_cents: 1_000 }));
    for (const currency of ['USD', 'JPY']) {
      const paid = await client.payments.create(
        cardPayment(cards.succeeds, { amount_cents: 100_000, currency }),
      );
      expect(paid).toMatchObject({ status: 'COMPLETED' });
    }
    expect(await client.balance.retrieve()).toMatchObject({
      currency: 'KES',
      available_cents: 1_000,
    });
    const payout = await client.payouts
      .create({
        amount_cents: 200_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        recipient: { phone_number: '254708374149' },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(payout).toMatchObject({ status: 402, code: 'INSUFFICIENT_BALANCE' });
  });

  it('capture_method is for cards only', async () => {
    const answer = await post({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      capture_method: 'manual',
      metadata: { phone_number: '254708374149' },
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { field: string } }).error.field).toBe(
      'capture_method',
    );
  });

  it('a charge whose answer was lost is found by asking BUNI again: charged once, COMPLETED', async () => {
    gw.gateway.buni.simulator.failNext({ status: 503, afterCharge: true });
    const created = await gw.client.payments.create(cardPayment(cards.succeeds));
    expect(created.status).toBe('PENDING');
    // Its early polls are scheduled like an STK push's (2 and 4 s after the charge in tests)…
    const [scheduled] = await gw.gateway.db.query<{ step: number; next: Date | null }>(
      'select poll_step as step, next_poll_at as next from payments where id = $1',
      [created.payment_id],
    );
    // (on a slow machine the relay may have taken the first poll already)
    expect(scheduled?.step === 1 || scheduled?.step === 2).toBe(true);
    if (scheduled?.step === 1) {
      const wait = (scheduled.next?.getTime() ?? 0) - new Date(created.created_at).getTime();
      expect(wait).toBeGreaterThan(1_000);
      expect(wait).toBeLessThan(4_000);
    }
    const settled = await eventually(
      () => gw.client.payments.retrieve(created.payment_id),
      (p) => p.status !== 'PENDING',
    );
    expect(settled.status).toBe('COMPLETED');
    expect(settled.receipt).toBe(gw.gateway.buni.simulator.charge(created.payment_id)?.id);
    // …and a poll settled it (reconciliation would wait 180 s).
    const [polls] = await gw.gateway.db.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = $1 and data->>'paymentId' = $2`,
      [queues.poll, created.payment_id],
    );
    expect(polls?.n).toBeGreaterThanOrEqual(1);
  });

  it('a charge BUNI never made stays PENDING until reconciliation gives up: FAILED, nothing charged', async () => {
    gw.gateway.buni.simulator.failNext({ status: 503 });
    const created = await gw.client.payments.create(cardPayment(cards.succeeds));
    expect(created.status).toBe('PENDING');
    const queried = await gw.client.payments.query(created.payment_id);
    expect(queried.status).toBe('PENDING');
    expect(gw.gateway.buni.simulator.charge(created.payment_id)).toBeUndefined();
  });
});

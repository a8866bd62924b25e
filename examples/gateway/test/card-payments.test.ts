import type { CreatePaymentRequest } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/merchants/api-keys.js';
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
    gw = await startTestGateway(kind);
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

  it('live card payments are refused until an acquirer is configured', async () => {
    const live = await createApiKey(gw.gateway.db, 'live');
    const answer = await post(cardPayment(cards.succeeds), live);
    expect(answer.status).toBe(403);
    const error = ((await answer.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('MODE_NOT_CONFIGURED');
    expect(error.message).toMatch(/acquir/);
  });

  it('a charge whose answer was lost is found by asking BUNI again: charged once, COMPLETED', async () => {
    gw.gateway.buni.simulator.failNext({ status: 503, afterCharge: true });
    const created = await gw.client.payments.create(cardPayment(cards.succeeds));
    expect(created.status).toBe('PENDING');
    const settled = await eventually(
      () => gw.client.payments.retrieve(created.payment_id),
      (p) => p.status !== 'PENDING',
    );
    expect(settled.status).toBe('COMPLETED');
    expect(settled.receipt).toBe(gw.gateway.buni.simulator.charge(created.payment_id)?.id);
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

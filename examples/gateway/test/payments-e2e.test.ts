import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../src/payments/reconcile.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

describe.each(databaseKinds)('payments end to end on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    // Early polls late enough that a callback delayed by a loaded machine still settles first
    // (the tests tell a callback's settling from a poll's by the recorded reason).
    gw = await startTestGateway(kind, { MPESA_POLL_SCHEDULE: '6,12' });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const pay = (phone: string, amount = 10_000) =>
    gw.client.payments.create({
      amount_cents: amount,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: phone, description: 'Test Payment', order_reference: 'ORDER-1' },
      callback_url: receiver.url,
    });

  const allEventsFor = (paymentId: string) =>
    receiver.events.filter((event) => 'payment_id' in event && event.payment_id === paymentId);
  // The settlement events (every payment also announces `payment.pending` when the push is accepted).
  const eventsFor = (paymentId: string) =>
    allEventsFor(paymentId).filter((event) => event.event !== 'payment.pending');

  const transitions = (paymentId: string) =>
    gw.gateway.db.query<{ from_status: string | null; to_status: string; reason: string }>(
      'select from_status, to_status, reason from payment_transitions where payment_id = $1 order by id',
      [paymentId],
    );

  it.each([
    ['254712345678', 'COMPLETED', 'payment.completed'],
    ['254708374149', 'COMPLETED', 'payment.completed'],
    ['254733333333', 'CANCELLED', 'payment.cancelled'],
    ['254711111111', 'EXPIRED', 'payment.expired'],
    ['254708374150', 'FAILED', 'payment.failed'],
  ])('%s ends %s and the receiver gets %s exactly once', async (phone, status, type) => {
    const created = await pay(phone);
    expect(created.status).toBe('PENDING');
    expect(created.provider_reference).toMatch(/^ws_CO_/);

    const settled = await gw.client.payments.waitFor(created.payment_id, { timeout: 20_000 });
    expect(settled.status).toBe(status);
    if (status === 'COMPLETED') expect(settled.receipt).toMatch(/^[A-Z0-9]{10}$/);
    if (status === 'FAILED') expect(settled.failure_code).toBe('1');

    await eventually(
      async () => eventsFor(created.payment_id),
      (events) => events.length >= 1,
    );
    // Give a duplicate delivery time to show up, then insist there was none.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const events = eventsFor(created.payment_id);
    expect(events).toHaveLength(1);
    // `payment.pending` came once, when M-Pesa accepted the push, with the same reference.
    expect(
      allEventsFor(created.payment_id).filter((event) => event.event === 'payment.pending'),
    ).toMatchObject([{ status: 'PENDING', provider_reference: created.provider_reference }]);
    expect(events[0]).toMatchObject({
      event: type,
      payment_id: created.payment_id,
      status,
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      provider_reference: created.provider_reference,
      metadata: { phone_number: phone, order_reference: 'ORDER-1' },
    });
    expect(events[0]?.id).toMatch(/^evt_/);
    expect(await transitions(created.payment_id)).toEqual([
      { from_status: null, to_status: 'PENDING', reason: 'created' },
      { from_status: 'PENDING', to_status: status, reason: 'callback' },
    ]);
  });

  it('a lost callback is settled by the early STK query', async () => {
    const created = await pay('254744444444');
    const settled = await gw.client.payments.waitFor(created.payment_id, { timeout: 20_000 });
    expect(settled.status).toBe('COMPLETED');
    expect((await transitions(created.payment_id)).at(-1)).toMatchObject({
      to_status: 'COMPLETED',
      reason: 'poll',
    });
    await eventually(
      async () => eventsFor(created.payment_id),
      (events) => events.length === 1,
    );
  });

  it('pending, then reconciled: reconciliation queries Daraja and settles it', async () => {
    const created = await pay('254744444444');
    // Let the simulated customer pay (no callback comes), then sweep before the first poll.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const settled = await reconcile(gw.gateway, { afterSeconds: 0, expireAfterSeconds: 3_600 });
    expect(settled).toBeGreaterThanOrEqual(1);
    const payment = await gw.client.payments.retrieve(created.payment_id);
    expect(payment.status).toBe('COMPLETED');
    expect((await transitions(created.payment_id)).at(-1)).toMatchObject({
      reason: 'reconciliation',
    });
    await eventually(
      async () => eventsFor(created.payment_id),
      (events) => events.length === 1,
    );
  });

  it('a payment Daraja keeps pending expires once reconciliation gives up on it', async () => {
    const created = await pay('254722222222');
    await reconcile(gw.gateway, { afterSeconds: 0, expireAfterSeconds: 0 });
    const payment = await gw.client.payments.retrieve(created.payment_id);
    expect(payment.status).toBe('EXPIRED');
    expect((await transitions(created.payment_id)).at(-1)).toMatchObject({
      reason: 'reconciliation_timeout',
    });
  });

  it('the manual query answers the current state', async () => {
    const created = await pay('254712345678');
    const queried = await gw.client.payments.query(created.payment_id);
    expect(['PENDING', 'COMPLETED']).toContain(queried.status);
  });
});

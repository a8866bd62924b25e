import { type ClientRequest, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreatePaymentRequest } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../src/jobs/queues.js';
import { type PaymentRow, storeStkPush } from '../src/stores/payments-store.js';
import { eventRecord, paymentEvent } from '../src/webhooks/emit-event.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/**
 * A state change records its event and webhook deliveries in its own statement, and a pending
 * payment its next early poll; the outbox relay queues each delivery once and each poll when due
 * (`MPESA_POLL_SCHEDULE=2,4` in tests).
 */
describe.each(databaseKinds)('the outbox on %s', (kind) => {
  let gw: TestGateway;
  // A receiver that takes everything: no attempt fails, so no retry is queued.
  const receiver = createServer((_req, res) => res.writeHead(204).end());
  let base = '';
  beforeAll(async () => {
    gw = await startTestGateway(kind);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    receiver.close();
    await gw?.close();
  });

  const push = (phone: string, callbackUrl?: string): CreatePaymentRequest => ({
    amount_cents: 10_000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: phone },
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  });

  /** How many jobs of `queue` carry `field` = `id` (pg-boss keeps finished jobs for days). */
  const jobsFor = async (queue: string, field: string, id: string) => {
    const rows = await gw.gateway.db.query<{ n: string }>(
      `select count(*)::text as n from pgboss.job where name = $1 and data->>$2 = $3`,
      [queue, field, id],
    );
    return Number(rows[0]?.n);
  };

  it('payment.pending makes one delivery per distinct URL (an endpoint before the callback_url); each is queued once', async () => {
    // Two endpoints, one at the URL the payment's callback_url names too: two deliveries, not three.
    const shared = `${base}/shared`;
    const own = `${base}/own`;
    const endpoint = await gw.client.webhookEndpoints.create({ url: shared });
    await gw.client.webhookEndpoints.create({ url: own });
    const created = await gw.client.payments.create(push('254722222222', shared));
    const deliveries = await gw.gateway.db.query<{
      id: string;
      url: string;
      endpoint_id: string | null;
    }>(
      `select d.id, d.url, d.endpoint_id from webhook_deliveries d join events e on e.id = d.event_id
       where e.payment_id = $1 and e.type = 'payment.pending' order by d.url`,
      [created.payment_id],
    );
    expect(deliveries.map((d) => d.url)).toEqual([own, shared]);
    expect(deliveries.find((d) => d.url === shared)?.endpoint_id).toBe(endpoint.endpoint_id);
    for (const delivery of deliveries) expect(delivery.id).toMatch(/^wh_[0-9a-z]{20}$/);
    const queued = await eventually(
      () => Promise.all(deliveries.map((d) => jobsFor(queues.delivery, 'deliveryId', d.id))),
      (counts) => counts.every((n) => n > 0),
    );
    // The first attempt of each, once: a later relay pass does not queue it again.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(queued).toEqual([1, 1]);
    expect(
      await Promise.all(deliveries.map((d) => jobsFor(queues.delivery, 'deliveryId', d.id))),
    ).toEqual([1, 1]);
  });

  it('a delivery recorded without queued_at (a process of the previous version, which queues its own job) counts as queued', async () => {
    const created = await gw.client.payments.create(push('254722222222'));
    const [row] = await gw.gateway.db.query<{ queued_at: Date | null }>(
      `insert into webhook_deliveries (id, event_id, merchant_id, mode, url, status, next_attempt_at)
       select 'wh_previousversion0001', e.id, e.merchant_id, e.mode, $2, 'PENDING', now()
       from events e where e.payment_id = $1 and e.type = 'payment.pending'
       returning queued_at`,
      [created.payment_id, `${base}/previous`],
    );
    expect(row?.queued_at).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await jobsFor(queues.delivery, 'deliveryId', 'wh_previousversion0001')).toBe(0);
  });

  it('an STK push answered after its payment left PENDING stores the reference, but no payment.pending and no poll', async () => {
    const created = await gw.client.payments.create(push('254722222222', `${base}/left`));
    // The same payment, as if cancelled while M-Pesa had not answered the push yet.
    const id = `pay_leftpending${kind}`;
    await gw.gateway.db.query(
      `insert into payments
       select (jsonb_populate_record(null::payments, to_jsonb(p) || $2::jsonb)).*
       from payments p where p.id = $1`,
      [
        created.payment_id,
        JSON.stringify({
          id,
          status: 'CANCELLED',
          provider_reference: null,
          merchant_request_id: null,
          next_poll_at: null,
          poll_step: 0,
        }),
      ],
    );
    const [row] = await gw.gateway.db.query<PaymentRow>('select * from payments where id = $1', [
      id,
    ]);
    if (!row) throw new Error('the copied payment is missing');
    // The create's key, held by the request: its PENDING answer must not be stored either.
    const fence = { merchantId: row.merchant_id, mode: 'test', key: `left-${kind}`, owner: 'o1' };
    await gw.gateway.db.query(
      `insert into idempotency_keys (merchant_id, key, request_hash, state, locked_until, expires_at, owner, mode)
       values ($1, $2, 'h', 'in_flight', now() + interval '1 minute', now() + interval '1 day', $3, 'test')`,
      [fence.merchantId, fence.key, fence.owner],
    );
    const stored = await storeStkPush(gw.gateway.db, {
      id,
      reference: `ws_CO_left_${kind}`,
      merchantRequestId: null,
      at: new Date(),
      pollSchedule: [2, 4],
      event: eventRecord(paymentEvent({ ...row, status: 'PENDING' })),
      answer: { fence, status: 201, body: '{"status":"PENDING"}' },
    });
    expect(stored).toMatchObject({
      payment: {
        status: 'CANCELLED',
        provider_reference: `ws_CO_left_${kind}`,
        next_poll_at: null,
      },
      answered: false,
    });
    expect(await gw.gateway.db.query('select id from events where payment_id = $1', [id])).toEqual(
      [],
    );
    expect(
      await gw.gateway.db.query('select state from idempotency_keys where key = $1', [fence.key]),
    ).toEqual([{ state: 'in_flight' }]);
  });

  it('a pending payment is polled once per step of the schedule, then no more', async () => {
    // 254722222222 stays pending for minutes: every early poll finds it still pending.
    const created = await gw.client.payments.create(push('254722222222'));
    /** The payment's next poll step and its time, in epoch milliseconds. */
    const schedule = async () => {
      const [row] = await gw.gateway.db.query<{ step: number; next: Date | null; updated: Date }>(
        'select poll_step as step, next_poll_at as next, updated_at as updated from payments where id = $1',
        [created.payment_id],
      );
      if (!row) throw new Error(`payment ${created.payment_id} not found`);
      return {
        step: row.step,
        next: row.next === null ? null : new Date(row.next).getTime(),
        updated: new Date(row.updated).getTime(),
      };
    };
    const first = await schedule();
    expect(first.step).toBe(1);
    expect(first.next).toBe(first.updated + 2_000);
    expect(await jobsFor(queues.poll, 'paymentId', created.payment_id)).toBe(0);

    const second = await eventually(schedule, (now) => now.step === 2, 8_000);
    expect(second.next).toBe(first.updated + 4_000);
    expect(await jobsFor(queues.poll, 'paymentId', created.payment_id)).toBe(1);

    const last = await eventually(schedule, (now) => now.step === 3, 8_000);
    expect(last.next).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await jobsFor(queues.poll, 'paymentId', created.payment_id)).toBe(2);
    expect((await gw.client.payments.retrieve(created.payment_id)).status).toBe('PENDING');
  });

  it('a payment whose callback is lost settles at its first early poll, long before reconciliation', async () => {
    // 254744444444: M-Pesa takes the money but never calls back.
    const created = await gw.client.payments.create(push('254744444444'));
    const settled = await eventually(
      () => gw.client.payments.retrieve(created.payment_id),
      (payment) => payment.status !== 'PENDING',
      8_000,
    );
    expect(settled.status).toBe('COMPLETED');
    expect(await jobsFor(queues.poll, 'paymentId', created.payment_id)).toBe(1);
  });

  it('a burst that does not end holds callbacks back for its bound, and deliveries are queued with them', async () => {
    const [setting] = await gw.gateway.db.query<{ value: string }>(
      `select value from settings where name = 'mpesa_callback_token'`,
    );
    // Eight callback bodies that never finish arriving: a burst for as long as they stall.
    const stalled: ClientRequest[] = [];
    for (let i = 0; i < 8; i++) {
      const req = request(`${gw.url}/callbacks/mpesa/${setting?.value}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '4096' },
      });
      req.on('error', () => {});
      req.write('{"Body":');
      stalled.push(req);
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await gw.client.webhookEndpoints.create({ url: `${base}/burst` });
      const created = await gw.client.payments.create(push('254712345678'));
      const deliveries = await gw.gateway.db.query<{ id: string }>(
        `select d.id from webhook_deliveries d join events e on e.id = d.event_id
         where e.payment_id = $1 and d.url = $2`,
        [created.payment_id, `${base}/burst`],
      );
      expect(deliveries).toHaveLength(1);
      const deliveryId = deliveries[0]?.id ?? '';
      // The simulator's callback is stored and held back (the burst is on), and so is the delivery.
      const callback = () =>
        gw.gateway.db.query<{ queued_at: Date | null }>(
          `select c.queued_at from mpesa_callbacks c
           join payments p on p.provider_reference = c.checkout_request_id where p.id = $1`,
          [created.payment_id],
        );
      await eventually(callback, (rows) => rows.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await callback()).toEqual([{ queued_at: null }]);
      expect(await jobsFor(queues.delivery, 'deliveryId', deliveryId)).toBe(0);
      // At the deferral's bound (10 s) the relay passes once; it takes the delivery too.
      await eventually(
        () => jobsFor(queues.delivery, 'deliveryId', deliveryId),
        (n) => n === 1,
        14_000,
      );
      expect(stalled.every((req) => !req.destroyed)).toBe(true);
    } finally {
      for (const req of stalled) req.destroy();
    }
  }, 30_000);
});

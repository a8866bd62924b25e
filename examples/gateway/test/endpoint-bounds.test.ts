import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

describe.each(databaseKinds)('webhook endpoint bounds on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;
  beforeAll(async () => {
    gw = await startTestGateway(kind, { MAX_WEBHOOK_ENDPOINTS: '4' });
    receiver = await startReceiver(gw.webhookSecret);
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const clearEndpoints = async () => {
    for await (const endpoint of gw.client.webhookEndpoints.list()) {
      await gw.client.webhookEndpoints.delete(endpoint.endpoint_id);
    }
  };

  it('a URL that is both an endpoint and the callback_url: each event verifies with either secret', async () => {
    await clearEndpoints();
    // One receiver set up for callback_url deliveries (the merchant's secret), one for its
    // endpoint's own secret; each URL is both an endpoint and the payment's callback_url.
    const forEndpoint = await startReceiver(gw.webhookSecret);
    try {
      const pay = async (to: Receiver) => {
        const created = await gw.client.payments.create({
          amount_cents: 10_000,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: { phone_number: '254708374149' },
          callback_url: to.url,
        });
        return eventually(
          async () =>
            to.events.filter(
              (e) => (e as { payment_id?: string }).payment_id === created.payment_id,
            ),
          // Both events: the completion may arrive before the pending event.
          (events) =>
            events.some((e) => e.event === 'payment.completed') &&
            events.some((e) => e.event === 'payment.pending'),
        );
      };
      // Events go out concurrently and arrival order is not promised (the README says so): the
      // completion may overtake the pending event, so each is compared by its timestamp.
      const byTimestamp = (events: ReadonlyArray<{ event: string; timestamp?: unknown }>) =>
        [...events]
          .sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)))
          .map((e) => e.event);
      await gw.client.webhookEndpoints.create({ url: receiver.url, events: ['payment.completed'] });
      expect(byTimestamp(await pay(receiver))).toEqual(['payment.pending', 'payment.completed']);
      const endpoint = await gw.client.webhookEndpoints.create({
        url: forEndpoint.url,
        events: ['payment.completed'],
      });
      forEndpoint.secret = endpoint.secret as string;
      // Its own events, and those it gets only as the callback_url, verify with its secret.
      expect(byTimestamp(await pay(forEndpoint))).toEqual(['payment.pending', 'payment.completed']);
    } finally {
      await clearEndpoints();
      await forEndpoint.close();
    }
  });

  it("a deleted endpoint's queued retries end CANCELLED and it receives nothing more", async () => {
    await clearEndpoints();
    receiver.failWith = 503;
    const endpoint = await gw.client.webhookEndpoints.create({
      url: receiver.url,
      events: ['payment.completed'],
    });
    const payment = await gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
    });
    // The first attempt fails; the next ones are queued 1, 2, 3 s later.
    const [failing] = await eventually(
      async () =>
        (await gw.client.webhookDeliveries.list({ status: 'PENDING' })).data.filter(
          (delivery) => delivery.url === receiver.url && delivery.attempts >= 1,
        ),
      (list) => list.length === 1,
    );
    await gw.client.webhookEndpoints.delete(endpoint.endpoint_id);
    const hits = receiver.hits;
    const cancelled = await eventually(
      async () => (await gw.client.webhookDeliveries.list({ event_id: failing?.event_id })).data,
      (list) => list[0]?.status === 'CANCELLED',
    );
    expect(cancelled[0]).toMatchObject({
      webhook_id: failing?.webhook_id,
      cancelled_reason: 'endpoint deleted before delivery',
      next_attempt_at: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(receiver.hits).toBe(hits);
    expect((await gw.client.payments.retrieve(payment.payment_id)).status).toBe('COMPLETED');
    receiver.failWith = undefined;
    // A retry says why nothing is sent, not that an attempt is scheduled.
    await expect(gw.client.webhookDeliveries.retry(failing?.webhook_id as string)).rejects.toThrow(
      /was cancelled \(endpoint deleted before delivery\)/,
    );
  });

  const pendingDelivery = (paymentId: string, type: string) =>
    eventually(
      () =>
        gw.gateway.db.query<{ id: string; endpoint_id: string | null; attempts: number }>(
          `select d.id, d.endpoint_id, d.attempts from webhook_deliveries d
           join events e on e.id = d.event_id
           where e.payment_id = $1 and e.type = $2 and d.status = 'PENDING'`,
          [paymentId, type],
        ),
      (rows) => rows.length === 1 && (rows[0]?.attempts ?? 0) >= 1,
    ).then((rows) => rows[0] as { id: string; endpoint_id: string | null });
  const deliveryState = (id: string, attempted = false) =>
    eventually(
      async () =>
        (
          await gw.gateway.db.query<{
            status: string;
            attempts: number;
            cancelled_reason: string | null;
          }>('select status, attempts, cancelled_reason from webhook_deliveries where id = $1', [
            id,
          ])
        )[0],
      (delivery) =>
        delivery !== undefined &&
        delivery.status !== 'PENDING' &&
        (!attempted || delivery.attempts >= 1),
    );
  const pay = (callbackUrl?: string) =>
    gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
      ...(callbackUrl ? { callback_url: callbackUrl } : {}),
    });

  it('two endpoints at one URL: events verify with either secret, and deleting one hands its retries to the other', async () => {
    await clearEndpoints();
    const first = await gw.client.webhookEndpoints.create({ url: receiver.url });
    const second = await gw.client.webhookEndpoints.create({ url: receiver.url });
    const before = receiver.events.length;
    try {
      for (const endpoint of [first, second]) {
        receiver.secret = endpoint.secret as string;
        const payment = await pay();
        await eventually(
          async () =>
            receiver.events.filter(
              (e) => (e as { payment_id?: string }).payment_id === payment.payment_id,
            ),
          (events) => events.some((e) => e.event === 'payment.completed'),
        );
      }
      receiver.failWith = 503;
      const payment = await pay();
      const failing = await pendingDelivery(payment.payment_id, 'payment.completed');
      const tied = failing.endpoint_id === first.endpoint_id ? first : second;
      const other = tied === first ? second : first;
      await gw.client.webhookEndpoints.delete(tied.endpoint_id);
      receiver.secret = other.secret as string;
      receiver.failWith = undefined;
      expect(await deliveryState(failing.id)).toMatchObject({ status: 'DELIVERED' });
      expect(
        receiver.events.slice(before).filter((e) => e.event === 'payment.completed'),
      ).toHaveLength(3);
    } finally {
      receiver.failWith = undefined;
      receiver.secret = gw.webhookSecret;
      await clearEndpoints();
    }
  });

  it("deleting an endpoint keeps the delivery a payment's own callback_url also asked for", async () => {
    await clearEndpoints();
    const endpoint = await gw.client.webhookEndpoints.create({
      url: receiver.url,
      events: ['payment.completed'],
    });
    try {
      receiver.failWith = 503;
      const payment = await pay(receiver.url);
      const failing = await pendingDelivery(payment.payment_id, 'payment.completed');
      expect(failing.endpoint_id).toBe(endpoint.endpoint_id);
      await gw.client.webhookEndpoints.delete(endpoint.endpoint_id);
      receiver.failWith = undefined;
      // Now the callback_url's: signed with the merchant's secret, which the receiver checks.
      expect(await deliveryState(failing.id)).toMatchObject({ status: 'DELIVERED' });
      expect(
        receiver.events.filter(
          (e) =>
            (e as { payment_id?: string }).payment_id === payment.payment_id &&
            e.event === 'payment.completed',
        ),
      ).toHaveLength(1);
    } finally {
      receiver.failWith = undefined;
      await clearEndpoints();
    }
  });

  it('an endpoint deleted while an attempt is in flight: the delivered attempt is what its log says', async () => {
    await clearEndpoints();
    const slow = await startReceiver(gw.webhookSecret);
    try {
      const endpoint = await gw.client.webhookEndpoints.create({
        url: slow.url,
        events: ['payment.completed'],
      });
      slow.secret = endpoint.secret as string;
      slow.delayMs = 1_500;
      const payment = await pay();
      await eventually(
        async () => slow.hits,
        (hits) => hits >= 1,
      );
      await gw.client.webhookEndpoints.delete(endpoint.endpoint_id);
      const [delivery] = await gw.gateway.db.query<{ id: string }>(
        `select d.id from webhook_deliveries d join events e on e.id = d.event_id
         where e.payment_id = $1 and d.url = $2`,
        [payment.payment_id, slow.url],
      );
      // Cancelled by the deletion at once; the attempt in flight then lands.
      const settled = await deliveryState(delivery?.id as string, true);
      expect(settled).toMatchObject({ status: 'DELIVERED', attempts: 1, cancelled_reason: null });
    } finally {
      await slow.close();
      await clearEndpoints();
    }
  });

  it('at most MAX_WEBHOOK_ENDPOINTS endpoints, even when registered concurrently', async () => {
    await clearEndpoints();
    const answers = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        fetch(`${gw.url}/api/v1/webhook-endpoints`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-api-key': gw.apiKey,
            'x-api-secret': gw.apiSecret,
          },
          body: JSON.stringify({ url: `https://merchant.example.com/hooks/${i}` }),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 400, 400, 400]);
    const refused = await answers.find((answer) => answer.status === 400)?.json();
    expect(refused.error.message).toMatch(/At most 4 webhook endpoints/);
  });

  it('the endpoint list pages with cursors instead of stopping silently', async () => {
    await clearEndpoints();
    for (let i = 0; i < 3; i++) {
      await gw.client.webhookEndpoints.create({ url: `https://merchant.example.com/page/${i}` });
    }
    const first = await gw.client.webhookEndpoints.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const all: string[] = [];
    for await (const endpoint of gw.client.webhookEndpoints.list({ limit: 2 }))
      all.push(endpoint.url);
    expect(all).toEqual([2, 1, 0].map((i) => `https://merchant.example.com/page/${i}`));
  });

  it.each([
    [
      '51 keys',
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      /50 keys/,
    ],
    ['a 41-character key', { ['k'.repeat(41)]: 'v' }, /40 characters/],
    ['a 501-character value', { note: 'x'.repeat(499) }, /500 characters/],
  ])('metadata with %s is a 400 naming the limit', async (_, metadata, limit) => {
    const answer = await fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
      },
      body: JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254708374149', ...metadata },
      }),
    });
    expect(answer.status).toBe(400);
    const { error } = await answer.json();
    expect(error.field).toBe('metadata');
    expect(error.message).toMatch(limit);
  });
});

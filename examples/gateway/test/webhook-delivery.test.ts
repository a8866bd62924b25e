import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@malipo/client/webhooks';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

// The legacy integration guide's verifier, verbatim: hex HMAC-SHA256 in X-Webhook-Signature.
function verifyWebhookSignature(payload: Buffer, signature: string, secret: string) {
  const hmac = createHmac('sha256', secret);
  const digest = hmac.update(payload).digest('hex');
  return timingSafeEqual(Buffer.from(signature), Buffer.from(digest));
}

describe.each(databaseKinds)('webhook delivery on %s', (kind) => {
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

  const deliveriesOf = async (paymentId: string) => {
    const events = await gw.gateway.db.query<{ id: string }>(
      // The settlement event's deliveries (the payment's `payment.pending` has its own).
      `select id from events where payment_id = $1 and type <> 'payment.pending'`,
      [paymentId],
    );
    const eventId = events[0]?.id;
    if (!eventId) return [];
    return (await gw.client.webhookDeliveries.list({ event_id: eventId })).data;
  };

  it('receiver down: attempts follow the schedule and are logged; it recovers and gets it; manual retry re-sends', async () => {
    receiver.failWith = 503;
    const created = await gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678' },
      callback_url: receiver.url,
    });
    // Test intervals 0,1,2,3,4 s: attempts 1–3 fail, then the receiver comes back.
    const failing = await eventually(
      () => deliveriesOf(created.payment_id),
      (list) => (list[0]?.attempts ?? 0) >= 3,
      30_000,
    );
    receiver.failWith = undefined;
    const delivered = await eventually(
      () => deliveriesOf(created.payment_id),
      (list) => list[0]?.status === 'DELIVERED',
      30_000,
    );
    expect(failing[0]?.last_attempts?.slice(0, 3).map((a) => a.status_code)).toEqual([
      503, 503, 503,
    ]);
    const attempts = delivered[0]?.last_attempts ?? [];
    expect(attempts.at(-1)).toMatchObject({ status_code: 200, error: null });
    expect(attempts[0]).toMatchObject({
      attempt: 1,
      status_code: 503,
      error: 'HTTP 503',
      response_excerpt: 'down for maintenance',
    });
    // Each retry waited at least its interval after the attempt before it.
    const times = attempts.map((a) => Date.parse(a.attempted_at));
    for (let i = 1; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(
        i * 1_000 - 100,
      );
    }
    const events = receiver.events.filter(
      (e) =>
        'payment_id' in e && e.payment_id === created.payment_id && e.event !== 'payment.pending',
    );
    expect(events).toHaveLength(1);

    // Manual retry of a delivered webhook sends it again (same event id: receivers de-duplicate).
    const webhookId = delivered[0]?.webhook_id as string;
    const hitsBefore = receiver.hits;
    const retried = await gw.client.webhookDeliveries.retry(webhookId);
    expect(retried.status).toBe('PENDING');
    await eventually(
      () => deliveriesOf(created.payment_id),
      (list) => list[0]?.status === 'DELIVERED' && list[0].attempts === attempts.length + 1,
    );
    expect(receiver.hits).toBe(hitsBefore + 1);
    expect(
      receiver.events.filter(
        (e) =>
          'payment_id' in e && e.payment_id === created.payment_id && e.event !== 'payment.pending',
      ),
    ).toHaveLength(1);
  });

  it('after the last attempt the delivery is FAILED; a manual retry delivers it', async () => {
    receiver.failWith = 500;
    const created = await gw.client.payments.create({
      amount_cents: 20_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678' },
      callback_url: receiver.url,
    });
    const failed = await eventually(
      () => deliveriesOf(created.payment_id),
      (list) => list[0]?.status === 'FAILED',
      40_000,
    );
    expect(failed[0]?.attempts).toBe(5);
    receiver.failWith = undefined;
    await gw.client.webhookDeliveries.retry(failed[0]?.webhook_id as string);
    await eventually(
      () => deliveriesOf(created.payment_id),
      (list) => list[0]?.status === 'DELIVERED',
    );
    const status = await gw.client.jobs.status();
    expect(status.worker_status).toBe('running');
    expect(status.completed).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("the client's webhooks.constructEvent verifies a real delivery and refuses it tampered", async () => {
    // The raw bytes and headers exactly as the gateway sent them.
    const received: { body: string; headers: Record<string, string> }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          headers: req.headers as Record<string, string>,
        });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const created = await gw.client.payments.create({
        amount_cents: 30_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678' },
        callback_url: url,
      });
      const deliveries = await eventually(
        async () => received,
        (list) => list.some((d) => d.body.includes('payment.completed')),
      );
      const delivery = deliveries.find((d) => d.body.includes('payment.completed'));
      if (!delivery) throw new Error('no payment.completed delivery');
      const webhooks = new Webhooks({ secret: gw.webhookSecret });
      const event = await webhooks.constructEvent(delivery.body, delivery.headers);
      expect(event).toMatchObject({
        event: 'payment.completed',
        payment_id: created.payment_id,
        amount_cents: 30_000,
      });
      await expect(
        webhooks.verify(delivery.body.replace('30000', '30001'), delivery.headers),
      ).rejects.toMatchObject({ code: 'signature_mismatch' });
    } finally {
      server.close();
    }
  });

  it("the legacy guide's createPayment and verifyWebhookSignature work unchanged against the gateway", async () => {
    // The legacy guide's receiver: express.raw() and its verifier, as documented.
    const seen: unknown[] = [];
    const app = express();
    app.post('/webhook/sentinelgate', express.raw({ type: 'application/json' }), (req, res) => {
      const signature = req.headers['x-webhook-signature'] as string;
      if (!verifyWebhookSignature(req.body, signature, gw.webhookSecret)) {
        res.status(401).send('Invalid signature');
        return;
      }
      seen.push(JSON.parse(req.body));
      res.status(200).send('OK');
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const env = {
      SENTINELGATE_BASE_URL: gw.url,
      SENTINELGATE_API_KEY: gw.apiKey,
      SENTINELGATE_API_SECRET: gw.apiSecret,
      YOUR_DOMAIN: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    };
    // The legacy guide's createPayment (axios there, fetch here: same URL, headers and body).
    async function createPayment(orderAmount: number, customerPhone: string, orderRef: string) {
      const response = await fetch(`${env.SENTINELGATE_BASE_URL}/api/payments/create`, {
        method: 'POST',
        body: JSON.stringify({
          amount_cents: orderAmount * 100,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: {
            phone_number: customerPhone,
            description: `Payment for order ${orderRef}`,
            order_reference: orderRef,
          },
          callback_url: `${env.YOUR_DOMAIN}/webhook/sentinelgate`,
        }),
        headers: {
          'X-API-Key': env.SENTINELGATE_API_KEY,
          'X-API-Secret': env.SENTINELGATE_API_SECRET,
          'Content-Type': 'application/json',
        },
      });
      return response.json();
    }
    try {
      const response = await createPayment(100, '254712345678', 'ORDER-7');
      expect(response).toEqual({
        success: true,
        payment_id: expect.stringMatching(/^pay_/),
        status: 'PENDING',
        provider_reference: expect.any(String),
        // The guide's fields, plus the mode every object carries.
        livemode: false,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      });
      // The guide's handler switches on the event: `payment.pending`, then the outcome. Events go
      // out concurrently (arrival order is not promised), so both are awaited and put in order
      // by their timestamps.
      const outcomes = () =>
        seen.filter((event) => (event as { event: string }).event !== 'payment.pending');
      await eventually(
        async () => seen,
        (list) =>
          outcomes().length === 1 &&
          list.some((event) => (event as { event: string }).event === 'payment.pending'),
      );
      const inOrder = [...seen].sort((a, b) =>
        String((a as { timestamp: string }).timestamp).localeCompare(
          String((b as { timestamp: string }).timestamp),
        ),
      );
      expect(inOrder[0]).toMatchObject({
        event: 'payment.pending',
        payment_id: response.payment_id,
      });
      expect(seen).toHaveLength(2);
      expect(outcomes()[0]).toMatchObject({
        event: 'payment.completed',
        payment_id: response.payment_id,
        amount_cents: 10_000,
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

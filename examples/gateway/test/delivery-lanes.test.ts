import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { Malipo } from '@malipo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/merchants/operations.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

/**
 * A merchant whose endpoints never answer must not hold up another merchant's webhooks: once a
 * destination has been slow, its deliveries go to a lane of their own.
 */
describe("one merchant's stalling endpoints and another's webhooks", () => {
  const timeoutMs = 3_000;
  let gw: TestGateway;
  let fast: Receiver;
  const sockets = new Set<Socket>();
  // Accepts connections and never answers: every attempt waits out the timeout.
  const stall = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  beforeAll(async () => {
    gw = await startTestGateway('pglite', {
      WEBHOOK_TIMEOUT_MS: String(timeoutMs),
      WEBHOOK_RETRY_INTERVALS: '0,1,2',
      MAX_WEBHOOK_ENDPOINTS: '16',
    });
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    stall.close();
    await fast?.close();
    await gw?.close();
  });

  it("B's webhook is not queued behind A's stalled deliveries", async () => {
    const stallUrl = `http://127.0.0.1:${(stall.address() as AddressInfo).port}`;
    for (let i = 0; i < 16; i++) {
      await gw.client.webhookEndpoints.create({ url: `${stallUrl}/hook/${i}` });
    }
    const made = await createMerchant(gw.gateway.db, 'B');
    const b = new Malipo({ apiKey: made.apiKey, apiSecret: made.apiSecret, baseUrl: gw.url });
    fast = await startReceiver(made.webhookSecret);
    const payment = {
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
    } as const;
    // A's backlog: 24 payments, two events each, to 16 endpoints, three attempts each.
    await Promise.all(Array.from({ length: 24 }, () => gw.client.payments.create(payment)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const paid = await b.payments.create({ ...payment, callback_url: fast.url });
    await eventually(
      async () =>
        fast.events.filter((e) => (e as { payment_id?: string }).payment_id === paid.payment_id),
      (events) => events.some((e) => e.event === 'payment.completed'),
      60_000,
    );
    const waited = performance.now() - started;
    console.log(`delivery lanes: B's payment.completed arrived after ${waited.toFixed(0)} ms`);
    // In its own lane: about the one timeout of the batches that first met A's endpoints (2.5 s
    // here), with room for a loaded machine; behind A's backlog (768 first attempts, 100 per
    // timeout) it would be over 15 s.
    expect(waited).toBeLessThan(4 * timeoutMs);
  });

  it('a 2xx whose body then stalls counts as delivered, once', async () => {
    const sockets: Socket[] = [];
    const answering = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\nok',
        ),
      );
    });
    await new Promise<void>((resolve) => answering.listen(0, '127.0.0.1', resolve));
    try {
      const made = await createMerchant(gw.gateway.db, 'C');
      const c = new Malipo({ apiKey: made.apiKey, apiSecret: made.apiSecret, baseUrl: gw.url });
      const url = `http://127.0.0.1:${(answering.address() as AddressInfo).port}/hook`;
      await c.payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254708374149' },
        callback_url: url,
      });
      const [pending] = await eventually(
        async () =>
          (await c.webhookDeliveries.list()).data.filter((d) => d.event === 'payment.pending'),
        (list) => list[0]?.status !== undefined && list[0].status !== 'PENDING',
        30_000,
      );
      expect(pending).toMatchObject({ status: 'DELIVERED', attempts: 1 });
      expect(pending?.last_attempts?.[0]).toMatchObject({
        status_code: 200,
        response_excerpt: 'ok',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      answering.close();
    }
  });
});

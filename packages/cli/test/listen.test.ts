import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '@malipo/cli';
import type { Malipo } from '@malipo/client';
import { parseGatewayEvent } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput, closedPort, startVerifyingReceiver } from './support/verifying-receiver.js';

// The reference gateway's own test harness: a real gateway (API and workers, M-Pesa simulator)
// on PGlite. Imported by path at run time: the gateway is a private example, not a dependency
// this published package can declare, and its sources are type-checked by its own project.
interface TestGateway {
  url: string;
  client: Malipo;
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  close(): Promise<void>;
}
const harness = pathToFileURL(
  resolve(import.meta.dirname, '../../../examples/gateway/test/support/harness.ts'),
).href;

let gateway: TestGateway;

beforeAll(async () => {
  const { startTestGateway } = (await import(harness)) as {
    startTestGateway(kind: 'pglite'): Promise<TestGateway>;
  };
  gateway = await startTestGateway('pglite');
}, 120_000);
afterAll(() => gateway?.close());

async function until(done: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('malipo listen', () => {
  it('forwards a payment that completes, signed so the local receiver verifies it', async () => {
    const receiver = await startVerifyingReceiver(gateway.webhookSecret);
    // A payment from before `listen` started is history: it is not forwarded.
    const before = await gateway.client.payments.create({
      amount_cents: 5_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678' },
    });
    await gateway.client.payments.waitFor(before.payment_id);

    const stop = new AbortController();
    const { out, err, io } = captureOutput();
    const running = runCli(
      [
        'listen',
        '--gateway',
        gateway.url,
        '--api-key',
        gateway.apiKey,
        '--api-secret',
        gateway.apiSecret,
        '--forward-to',
        receiver.url,
        '--secret',
        gateway.webhookSecret,
        '--interval',
        '100',
      ],
      { io, signal: stop.signal },
    );
    try {
      await until(() => out.length > 0 || err.length > 0, 'listen to start');
      expect(err).toEqual([]);
      expect(out[0]).toBe(`Forwarding ${gateway.url}/ events to ${receiver.url} (Ctrl-C stops).`);

      const payment = await gateway.client.payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678', order_reference: 'ORDER-7' },
      });
      const completed = () =>
        receiver.accepted
          .map((delivery) => parseGatewayEvent(delivery.body))
          .find((event) => event.event === 'payment.completed');
      await until(() => completed() !== undefined, 'the forwarded payment.completed');

      expect(completed()).toMatchObject({
        payment_id: payment.payment_id,
        status: 'COMPLETED',
        amount_cents: 10_000,
        metadata: { order_reference: 'ORDER-7' },
      });
      // The receiver holds the body before its 204 reaches the forwarder, which prints the line
      // only then: wait for the line too.
      const forwardedLine =
        /^payment\.completed evt_[a-f0-9]{20} → http:\/\/127\.0\.0\.1:\d+\/webhooks: 204$/;
      await until(() => out.some((line) => forwardedLine.test(line)), 'the forwarded line');
      expect(out).toContainEqual(expect.stringMatching(forwardedLine));
      const forwardedIds = receiver.accepted.map((d) => JSON.parse(d.body).payment_id);
      expect(forwardedIds).not.toContain(before.payment_id);
    } finally {
      stop.abort();
      await receiver.close();
    }
    expect(await running).toBe(0);
  }, 60_000);

  /** `malipo listen` to `forwardTo` through `gatewayUrl`, every 100 ms, until the returned stop. */
  const startListen = (forwardTo: string, gatewayUrl = gateway.url) => {
    const stop = new AbortController();
    const output = captureOutput();
    const running = runCli(
      [
        'listen',
        '--gateway',
        gatewayUrl,
        '--api-key',
        gateway.apiKey,
        '--api-secret',
        gateway.apiSecret,
        '--forward-to',
        forwardTo,
        '--secret',
        gateway.webhookSecret,
        '--interval',
        '100',
      ],
      { io: output.io, signal: stop.signal },
    );
    return { ...output, running, stop: () => stop.abort() };
  };
  const pay = (phone = '254712345678') =>
    gateway.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: phone },
    });
  const forwarded = (receiver: { accepted: { body: string }[] }, paymentId: string) =>
    receiver.accepted
      .map((delivery) => parseGatewayEvent(delivery.body))
      .filter((event) => (event as { payment_id?: string }).payment_id === paymentId)
      .map((event) => event.event);

  it('an event your server was down for is forwarded once it is back, nothing lost', async () => {
    const port = await closedPort();
    const listening = startListen(`http://127.0.0.1:${port}/webhooks`);
    let receiver: Awaited<ReturnType<typeof startVerifyingReceiver>> | undefined;
    try {
      await until(() => listening.out.length > 0, 'listen to start');
      const payment = await pay();
      await gateway.client.payments.waitFor(payment.payment_id);
      await until(
        () =>
          listening.err.some((line) => /could not reach .* \(try 1; again in 1 s\)$/.test(line)),
        'a failed try',
      );
      receiver = await startVerifyingReceiver(gateway.webhookSecret, port);
      const server = receiver;
      await until(
        () => forwarded(server, payment.payment_id).includes('payment.completed'),
        'the event, once the server is back',
      );
      expect(forwarded(server, payment.payment_id).toSorted()).toEqual([
        'payment.completed',
        'payment.pending',
      ]);
    } finally {
      listening.stop();
      await receiver?.close();
    }
    expect(await listening.running).toBe(0);
  }, 60_000);

  it('a gateway that stops answering for a while: polling goes on, and what changed meanwhile is forwarded', async () => {
    // A proxy in front of the gateway that answers 503 while "down" (a restart, say).
    let down = false;
    const proxy = createServer(async (request, response) => {
      if (down) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        response.end(
          '{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"restarting"}}',
        );
        return;
      }
      const answer = await fetch(`${gateway.url}${request.url}`, {
        headers: request.headers as Record<string, string>,
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(await answer.text());
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const receiver = await startVerifyingReceiver(gateway.webhookSecret);
    const listening = startListen(receiver.url, proxyUrl);
    try {
      await until(() => listening.out.length > 0, 'listen to start');
      down = true;
      await until(
        () => listening.err.some((line) => line.includes('did not answer')),
        'the outage to be noticed',
      );
      const payment = await pay();
      await gateway.client.payments.waitFor(payment.payment_id);
      down = false;
      await until(
        () => forwarded(receiver, payment.payment_id).includes('payment.completed'),
        'the payment that completed during the outage',
      );
      expect(listening.err).toContainEqual(expect.stringMatching(/answers again/));
    } finally {
      listening.stop();
      proxy.closeAllConnections();
      proxy.close();
      await receiver.close();
    }
    expect(await listening.running).toBe(0);
  }, 90_000);

  it('a card authorisation then captured is forwarded as payment.captured, as the gateway sends it', async () => {
    const receiver = await startVerifyingReceiver(gateway.webhookSecret);
    const listening = startListen(receiver.url);
    try {
      await until(() => listening.out.length > 0, 'listen to start');
      const held = await gateway.client.payments.create({
        amount_cents: 250_050,
        currency: 'KES',
        provider: 'BUNI',
        capture_method: 'manual',
        card: { number: '4111111111111111', expiry: '12/29', cvv: '987' },
      } as Parameters<typeof gateway.client.payments.create>[0]);
      expect(held.status).toBe('AUTHORIZED');
      // Seen authorised by a poll first.
      await new Promise((resolve) => setTimeout(resolve, 600));
      await (
        gateway.client.payments as unknown as {
          capture(id: string, body: object): Promise<unknown>;
        }
      ).capture(held.payment_id, {});
      await until(() => forwarded(receiver, held.payment_id).length > 0, 'the forwarded capture');
      expect(forwarded(receiver, held.payment_id)).toEqual(['payment.captured']);
    } finally {
      listening.stop();
      await receiver.close();
    }
    expect(await listening.running).toBe(0);
  }, 60_000);

  it('exits 1 with one line when the gateway refuses the credentials', async () => {
    const { err, io } = captureOutput();
    const code = await runCli(
      [
        'listen',
        '--gateway',
        gateway.url,
        '--api-key',
        gateway.apiKey,
        '--api-secret',
        'wrong',
        '--forward-to',
        'http://127.0.0.1:3000/webhooks',
        '--secret',
        gateway.webhookSecret,
      ],
      { io },
    );
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^malipo: the gateway at .* refused or failed: /)]);
  });
});

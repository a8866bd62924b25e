import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '@malipo/cli';
import type { Malipo } from '@malipo/client';
import { parseGatewayEvent } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput, startVerifyingReceiver } from './support/verifying-receiver.js';

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

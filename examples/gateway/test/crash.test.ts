import { Malipo } from '@malipo/client';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildGateway, spawnGateway } from './support/child-gateway.js';
import { crashSetup } from './support/crash-setup.js';
import { databaseKinds } from './support/databases.js';
import { eventually } from './support/harness.js';
import { startReceiver } from './support/receiver.js';
import { queryStopped } from './support/stopped-database.js';

const phones = ['254712345678', '254733333333', '254708374150', '254744444444', '254711111111'];

describe.each(databaseKinds)('SIGKILL under load on %s', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('loses nothing: acknowledged callbacks processed, payments settled, every event delivered', async () => {
    // Daraja (simulated) and the merchant's receiver live outside the gateway and survive it.
    const { env, url, apiKey, apiSecret, webhookSecret } = await crashSetup(kind, (release) =>
      cleanups.push(release),
    );
    const receiver = await startReceiver(webhookSecret);
    cleanups.push(() => receiver.close());
    // A slow receiver: deliveries are certainly in flight when the gateway dies.
    receiver.delayMs = 400;

    let gateway: ChildGateway = await spawnGateway(env, url);
    cleanups.push(() => gateway.kill('SIGKILL'));
    const client = new Malipo({ apiKey, apiSecret, baseUrl: url, maxRetries: 0, timeout: 5_000 });

    // Load: 60 payments over ~1.2 s; the kill lands in the middle of pushes, callbacks and deliveries.
    const acknowledged: string[] = [];
    const load = Array.from({ length: 60 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 20)).then(() =>
        client.payments
          .create({
            amount_cents: 10_000 + i * 100,
            currency: 'KES',
            provider: 'MPESA_SAFARICOM',
            metadata: { phone_number: phones[i % phones.length] as string },
            callback_url: receiver.url,
          })
          .then(
            (created) => acknowledged.push(created.payment_id),
            () => undefined,
          ),
      ),
    );
    // Kill once a delivery is certainly in flight (the receiver holds each for 400 ms), however
    // fast or slow this machine is today; the pushes go on until about 1.2 s.
    const inFlight = await eventually(
      async () => receiver.hits - receiver.events.length,
      (count) => count > 0,
      15_000,
    );
    await gateway.kill('SIGKILL');
    await Promise.all(load);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(inFlight).toBeGreaterThan(0);

    gateway = await spawnGateway(env, url);

    const settled = await eventually(
      async () => (await client.payments.list({ limit: 100 })).data,
      (payments) => payments.every((payment) => payment.status !== 'PENDING'),
      60_000,
    );
    // Every payment the client saw acknowledged exists and is terminal.
    const ids = new Set(settled.map((payment) => payment.payment_id));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);

    // Every event is delivered (at least once) to the receiver.
    await eventually(
      async () => (await client.webhookDeliveries.list({ limit: 100 })).data,
      (deliveries) =>
        deliveries.length >= settled.length && deliveries.every((d) => d.status === 'DELIVERED'),
      60_000,
    );
    const received = new Set(
      receiver.events.map((event) => ('payment_id' in event ? event.payment_id : '')),
    );
    for (const payment of settled) expect(received.has(payment.payment_id)).toBe(true);

    await gateway.kill('SIGTERM');
    expect(gateway.process.exitCode).toBe(0);

    // With the gateway stopped, check the durable records directly.
    const rows = <T>(sql: string) => queryStopped<T>(kind, env, sql);
    // Every acknowledged callback was processed.
    expect(await rows('select id from mpesa_callbacks where processed_at is null')).toEqual([]);
    // Exactly one settlement event per payment (besides `payment.pending`), and one transition
    // into its terminal state.
    const perPayment = await rows<{ payment_id: string; events: number; transitions: number }>(
      `select p.id as payment_id,
              (select count(*)::int from events e where e.payment_id = p.id and e.type <> 'payment.pending') as events,
              (select count(*)::int from payment_transitions t where t.payment_id = p.id and t.from_status = 'PENDING') as transitions
       from payments p`,
    );
    for (const row of perPayment) expect(row).toMatchObject({ events: 1, transitions: 1 });
  }, 240_000);
});

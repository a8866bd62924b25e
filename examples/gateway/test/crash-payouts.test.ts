import { Malipo } from '@malipo/client';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildGateway, spawnGateway } from './support/child-gateway.js';
import { crashSetup } from './support/crash-setup.js';
import { databaseKinds } from './support/databases.js';
import { eventually } from './support/harness.js';
import { startReceiver } from './support/receiver.js';
import { queryStopped } from './support/stopped-database.js';

// Paid with a result; paid with no result (a status check settles it); a queue timeout; no funds.
const recipients = ['254708374149', '254744444444', '254711111111', '254708374150'];

describe.each(databaseKinds)('SIGKILL during payouts under load on %s', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('loses no result and sends no payout twice, whatever the client retries', async () => {
    // Daraja (simulated) and the merchant's receiver live outside the gateway and survive it.
    const { simulator, env, url, apiKey, apiSecret, webhookSecret } = await crashSetup(
      kind,
      (release) => cleanups.push(release),
      {
        EXPIRE_AFTER_SECONDS: '120',
        // A killed request's key is taken over this long after (at once on PGlite, one process).
        IDEMPOTENCY_LOCK_SECONDS: '35',
      },
    );
    const receiver = await startReceiver(webhookSecret);
    cleanups.push(() => receiver.close());
    receiver.delayMs = 200;

    let gateway: ChildGateway = await spawnGateway(env, url);
    cleanups.push(() => gateway.kill('SIGKILL'));
    const client = new Malipo({ apiKey, apiSecret, baseUrl: url, maxRetries: 0, timeout: 5_000 });

    // The merchant's balance: ten paid payments of KES 1,000.
    const funded = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.payments.create({
          amount_cents: 100_000,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: { phone_number: '254712345678' },
        }),
      ),
    );
    for (const payment of funded) {
      expect((await client.payments.waitFor(payment.payment_id, { interval: 200 })).status).toBe(
        'COMPLETED',
      );
    }

    // Load: 40 payouts over ~0.8 s, each under its own idempotency key; the kill lands mid-way.
    const request = (i: number) =>
      client.payouts.create(
        {
          amount_cents: 10_000 + i * 100,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          recipient: { phone_number: recipients[i % recipients.length] as string },
          callback_url: receiver.url,
        },
        { idempotencyKey: `crash-payout-${kind}-${i}` },
      );
    const load = Array.from({ length: 40 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 20)).then(() =>
        request(i).then(
          () => true,
          () => false,
        ),
      ),
    );
    await eventually(
      async () => simulator.asyncRequests().length,
      (count) => count >= 8,
      15_000,
    );
    await gateway.kill('SIGKILL');
    const firstTry = await Promise.all(load);
    expect(firstTry.some((ok) => !ok)).toBe(true);

    gateway = await spawnGateway(env, url);
    // The merchant retries every payout with its key until it gets an answer (a key whose request
    // died answers 409 IDEMPOTENCY_KEY_IN_USE until its lock ends): one payout per key.
    const retried = async (i: number) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        try {
          return await request(i);
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    };
    const payouts = await Promise.all(Array.from({ length: 40 }, (_, i) => retried(i)));
    expect(new Set(payouts.map((p) => p.payout_id)).size).toBe(40);

    const settled = await eventually(
      async () => (await client.payouts.list({ limit: 100 })).data,
      (list) => list.length === 40 && list.every((p) => p.status !== 'PENDING'),
      60_000,
    );
    // No payout reached M-Pesa twice: one accepted B2C request per payout, at most.
    const b2c = simulator.asyncRequests().filter((r) => r.kind === 'b2c');
    const perPayout = new Map<string, number>();
    for (const r of b2c) {
      perPayout.set(
        r.originatorConversationId,
        (perPayout.get(r.originatorConversationId) ?? 0) + 1,
      );
    }
    for (const count of perPayout.values()) expect(count).toBe(1);
    // What M-Pesa paid out is exactly what the gateway reports COMPLETED.
    const paidByMpesa = b2c
      .filter((r) => r.resultCode === '0')
      .map((r) => r.originatorConversationId)
      .sort();
    const completed = settled.filter((p) => p.status === 'COMPLETED');
    expect(completed.map((p) => p.payout_id).sort()).toEqual(paidByMpesa);
    expect(completed.length).toBeGreaterThan(0);
    expect(settled.some((p) => p.failure_code === 'QUEUE_TIMEOUT')).toBe(true);

    // Every settled payout's event reaches the receiver.
    await eventually(
      async () => new Set(receiver.events.map((e) => ('payout_id' in e ? e.payout_id : ''))),
      (ids) => settled.every((p) => ids.has(p.payout_id)),
      60_000,
    );

    await gateway.kill('SIGTERM');
    const rows = <T>(sql: string) => queryStopped<T>(kind, env, sql);
    // Every acknowledged result was processed.
    expect(await rows('select id from mpesa_results where processed_at is null')).toEqual([]);
    // Exactly one settlement event and one transition out of PENDING per payout.
    const perRow = await rows<{ id: string; events: number; transitions: number }>(
      `select p.id,
              (select count(*)::int from events e where e.body like '%' || p.id || '%') as events,
              (select count(*)::int from transfer_transitions t where t.transfer_id = p.id and t.from_status = 'PENDING') as transitions
       from payouts p`,
    );
    expect(perRow).toHaveLength(40);
    for (const row of perRow) expect(row).toMatchObject({ events: 1, transitions: 1 });
  }, 240_000);
});

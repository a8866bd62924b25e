import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Malipo } from '@malipo/client';
import { createDarajaSimulator } from '@malipo/daraja/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { keyHolderLockClass } from '../src/db/database.js';
import { openPostgres } from '../src/db/postgres.js';
import { gatewayTestPhones } from '../src/mpesa/mpesa.js';
import { type ChildGateway, freePort, spawnGateway } from './support/child-gateway.js';
import { type DatabaseKind, scratchDatabase } from './support/databases.js';
import { eventually } from './support/harness.js';
import { queryStopped } from './support/stopped-database.js';

/**
 * Daraja (simulated) in the test process, able to hold STK pushes unanswered: a create then
 * blocks after its payment is committed and tied to its key, as when Daraja is slow.
 */
async function startHoldingDaraja() {
  const simulator = createDarajaSimulator({ callbackDelayMs: 300, outcomes: gatewayTestPhones });
  const held: ((answer: boolean) => void)[] = [];
  const daraja = {
    holdPushes: false,
    pushes: 0,
    held: () => held.length,
    /** Answers the held pushes (`answer`) or drops them with a 503. */
    release(answer: boolean) {
      for (const resolve of held.splice(0)) resolve(answer);
    },
    url: '',
    close: () => {},
  };
  const server = serve(
    {
      fetch: async (request) => {
        if (new URL(request.url).pathname.endsWith('/stkpush/v1/processrequest')) {
          daraja.pushes++;
          if (daraja.holdPushes) {
            const answer = await new Promise<boolean>((resolve) => held.push(resolve));
            if (!answer) return new Response(null, { status: 503 });
          }
        }
        return simulator.handle(request);
      },
      hostname: '127.0.0.1',
      port: 0,
    },
    (info: AddressInfo) => {
      daraja.url = `http://127.0.0.1:${info.port}`;
    },
  );
  await new Promise((resolve) => server.once('listening', resolve));
  daraja.close = () => {
    daraja.release(false);
    simulator.close();
    server.close();
  };
  return daraja;
}

const keys = {
  API_KEY: 'sk_test_holder_key_0001',
  API_SECRET: 'secret_holder_secret_0001',
  WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 5).toString('base64')}`,
};

const paymentBody = JSON.stringify({
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678' },
});

/** A create under `key`, over raw HTTP (its status and headers matter). */
const create = (url: string, key: string) =>
  fetch(`${url}/api/v1/payments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': keys.API_KEY,
      'x-api-secret': keys.API_SECRET,
      'idempotency-key': key,
    },
    body: paymentBody,
  });

describe.each<DatabaseKind>(['postgres', 'pglite'])('a killed key holder on %s', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  /** A gateway process (API and workers) on the shared database, at its own port. */
  const gatewayEnv = async (database: Record<string, string>, darajaUrl: string) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...database,
      ...keys,
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'silent',
      MPESA_SIMULATOR_URL: darajaUrl,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    return { env, url };
  };

  it('a retry takes over at once the key of a process that died holding it; a live holder keeps its key', async () => {
    const daraja = await startHoldingDaraja();
    cleanups.push(async () => daraja.close());
    const database = await scratchDatabase(kind);
    cleanups.push(() => database.drop());
    const first = await gatewayEnv(database.env, daraja.url);
    let holder: ChildGateway = await spawnGateway(first.env, first.url);
    cleanups.push(() => holder.kill('SIGKILL'));

    // PostgreSQL: another live process shares the database. PGlite is one process.
    let other: { url: string } | undefined;
    if (kind === 'postgres') {
      const second = await gatewayEnv(database.env, daraja.url);
      const running = await spawnGateway(second.env, second.url);
      cleanups.push(() => running.kill('SIGKILL'));
      other = second;

      // A live holder keeps its key: the duplicate on the other process waits for its answer.
      daraja.holdPushes = true;
      const original = create(first.url, 'held-by-a-live-process');
      original.catch(() => {}); // awaited below; not an unhandled rejection should a check fail first
      await eventually(
        async () => daraja.held(),
        (count) => count === 1,
      );
      let answered = false;
      const duplicate = create(second.url, 'held-by-a-live-process').finally(() => {
        answered = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(answered).toBe(false);
      daraja.release(true);
      const [originalAnswer, duplicateAnswer] = await Promise.all([original, duplicate]);
      expect(originalAnswer.status).toBe(201);
      expect(duplicateAnswer.status).toBe(201);
      expect(duplicateAnswer.headers.get('idempotent-replayed')).toBe('true');
      const body = await originalAnswer.json();
      expect(body).toMatchObject({ status: 'PENDING', provider_reference: expect.any(String) });
      expect(await duplicateAnswer.json()).toEqual(body);
    }
    const pushesBefore = daraja.pushes;

    // The holder dies while its push is out: the payment is committed and tied to the key.
    daraja.holdPushes = true;
    const doomed = create(first.url, 'held-by-a-killed-process').catch(() => undefined);
    await eventually(
      async () => daraja.held(),
      (count) => count === 1,
    );
    await holder.kill('SIGKILL');
    await doomed;
    daraja.release(false);
    daraja.holdPushes = false;

    // A new process: the retry answers at once (not 409 until IDEMPOTENCY_LOCK_SECONDS ends)
    // with the interrupted payment, and M-Pesa is not asked again.
    holder = await spawnGateway(first.env, first.url);
    const startedAt = Date.now();
    const retry = await create(first.url, 'held-by-a-killed-process');
    const waitedMs = Date.now() - startedAt;
    const retried = await retry.json();
    expect(retry.status, JSON.stringify(retried)).toBe(201);
    expect(waitedMs).toBeLessThan(5_000);
    expect(retried).toMatchObject({ status: 'FAILED', provider_reference: null });
    expect(daraja.pushes - pushesBefore).toBe(1);

    // Every process replays that answer; the key made one payment.
    for (const url of [first.url, ...(other ? [other.url] : [])]) {
      const replay = await create(url, 'held-by-a-killed-process');
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await replay.json()).toEqual(retried);
    }
    const client = new Malipo({
      apiKey: keys.API_KEY,
      apiSecret: keys.API_SECRET,
      baseUrl: first.url,
      maxRetries: 0,
    });
    const payments = (await client.payments.list({ limit: 100 })).data;
    expect(payments.map((payment) => payment.payment_id)).toContain(retried.payment_id);
    expect(payments).toHaveLength(kind === 'postgres' ? 2 : 1);
    expect(
      await client.payments.retrieve(retried.payment_id as string).then((p) => p.failure_code),
    ).toBe('INITIATION_INTERRUPTED');

    // The key names its holder process on PostgreSQL only.
    if (kind === 'pglite') {
      await holder.kill('SIGTERM');
      expect(await queryStopped(kind, first.env, 'select holder from idempotency_keys')).toEqual([
        { holder: null },
      ]);
    } else {
      const holders = await queryStopped<{ holder: number | null }>(
        kind,
        first.env,
        'select holder from idempotency_keys',
      );
      expect(holders.every((row) => typeof row.holder === 'number' && row.holder > 0)).toBe(true);
    }
  }, 120_000);
});

describe('the key-holder lock on PostgreSQL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('is held while the database is open, taken again when its connection drops, ended on close', async () => {
    const database = await scratchDatabase('postgres');
    cleanups.push(() => database.drop());
    const url = database.env.DATABASE_URL as string;
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    cleanups.push(() => observer.end());
    const lockHolders = async (id: number | undefined) =>
      (
        await observer.query<{ pid: number }>(
          `select pid from pg_locks
           where locktype = 'advisory' and granted and objsubid = 2 and classid = $1 and objid = $2
             and database = (select oid from pg_database where datname = current_database())`,
          [keyHolderLockClass, id ?? 0],
        )
      ).rows.map((row) => row.pid);

    const plain = await openPostgres(url);
    expect(plain.holder).toBeUndefined();
    await plain.close();

    const db = await openPostgres(url, { holdKeys: true });
    cleanups.push(() => db.close());
    const id = db.holder?.();
    expect(id).toBeGreaterThan(0);
    const [pid] = await lockHolders(id);
    expect(pid).toBeDefined();

    // Its connection drops (here: ended by the server); the lock comes back under the same id.
    await observer.query('select pg_terminate_backend($1)', [pid]);
    const retaken = await eventually(
      () => lockHolders(id),
      (pids) => pids.length === 1 && pids[0] !== pid,
      10_000,
    );
    expect(retaken).toHaveLength(1);
    await eventually(
      async () => db.holder?.(),
      (current) => current === id,
      5_000,
    );

    await db.close();
    expect(await lockHolders(id)).toEqual([]);
  });
});

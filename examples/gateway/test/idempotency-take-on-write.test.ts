import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors/domain-error.js';
import { type IdempotencyScope, idempotent } from '../src/idempotency/idempotency.js';
import { postPayment } from './support/create-request.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/**
 * An operation that takes its Idempotency-Key in the statement creating its resource (a create
 * payment): no claim before it runs, and still Stripe's semantics — the key's answer comes before
 * whatever the operation would have answered.
 */
describe.each(databaseKinds)('an operation taking its key as it writes, on %s', (kind) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(kind, { MPESA_POLL_SCHEDULE: '600' });
  });
  afterAll(() => gw?.close());

  const request = (key: string, parameters: unknown = { amount: 1 }) => ({
    merchantId: gw.gateway.merchant.merchantId,
    mode: 'test' as const,
    key,
    operation: 'createThing',
    parameters,
    successStatus: 201,
    takesKeyOnWrite: true,
  });
  const keyRow = async (key: string) =>
    (
      await gw.gateway.db.query<{ state: string; resource_id: string | null; locked: boolean }>(
        `select state, resource_id, locked_until > now() as locked from idempotency_keys where key = $1`,
        [key],
      )
    )[0];
  const attach = (scope: IdempotencyScope, resourceId: string) =>
    gw.gateway.db.transaction((tx) =>
      (scope.attach as NonNullable<typeof scope.attach>)(tx, resourceId),
    );
  const refused = () => new DomainError('INVALID_AMOUNT', 'refused by the operation', 'amount');

  it('is not claimed before the operation runs: the operation takes it with its resource', async () => {
    const answer = await idempotent(gw.gateway.db, request('take-1'), async (scope) => {
      expect(await keyRow('take-1')).toBeUndefined();
      await attach(scope, 'r1');
      return { status: 201, body: { id: 'r1' } };
    });
    expect(answer).toEqual({ status: 201, body: { id: 'r1' }, replayed: false });
    expect(await keyRow('take-1')).toMatchObject({ state: 'done', resource_id: 'r1' });
    const replay = await idempotent(gw.gateway.db, request('take-1'), async () => {
      throw new Error('a finished key replays');
    });
    expect(replay).toEqual({ status: 201, body: { id: 'r1' }, replayed: true });
  });

  it('an operation refused before it wrote leaves no key behind', async () => {
    await expect(
      idempotent(gw.gateway.db, request('take-2'), async () => {
        throw refused();
      }),
    ).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    expect(await keyRow('take-2')).toBeUndefined();
  });

  it('an operation that fails after taking its key frees it: the retry recovers the resource', async () => {
    await expect(
      idempotent(gw.gateway.db, request('take-3'), async (scope) => {
        await attach(scope, 'r3');
        throw new Error('failed after the write');
      }),
    ).rejects.toThrow('failed after the write');
    expect(await keyRow('take-3')).toMatchObject({
      state: 'in_flight',
      resource_id: 'r3',
      locked: false,
    });
    // The retry's write finds the key taken; the key's holder is gone, so the retry takes it over
    // and runs again, told of the resource: it creates no second one.
    const runs: (string | undefined)[] = [];
    const retry = await idempotent(gw.gateway.db, request('take-3'), async (scope) => {
      runs.push(scope.recoveredResourceId);
      if (scope.recoveredResourceId)
        return { status: 201, body: { id: scope.recoveredResourceId } };
      await attach(scope, 'r3-again');
      return { status: 201, body: { id: 'r3-again' } };
    });
    expect(retry).toEqual({ status: 201, body: { id: 'r3' }, replayed: false });
    expect(runs).toEqual([undefined, 'r3']);
    expect(await keyRow('take-3')).toMatchObject({ state: 'done', resource_id: 'r3' });
  });

  it('a key another request finished answers first, whatever the operation would have answered', async () => {
    await idempotent(gw.gateway.db, request('take-4'), async (scope) => {
      await attach(scope, 'r4');
      return { status: 201, body: { id: 'r4' } };
    });
    // The same request again, refused this time (a circuit open, a budget spent): the replay.
    const replay = await idempotent(gw.gateway.db, request('take-4'), async () => {
      throw refused();
    });
    expect(replay).toEqual({ status: 201, body: { id: 'r4' }, replayed: true });
    // Another request under the key: reused, even though the operation refuses it too.
    await expect(
      idempotent(gw.gateway.db, request('take-4', { amount: 2 }), async () => {
        throw refused();
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it.each([
    ['commits', { by: 'first' }, true],
    ['rolls back', { by: 'second' }, false],
  ] as const)(
    'a write waiting on another request taking the key in an open transaction: when that one %s',
    async (ending, answer, replayed) => {
      const key = `take-open-${ending.replace(' ', '-')}`;
      let release: () => void = () => {};
      const stalled = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken: () => void = () => {};
      const takenInTransaction = new Promise<void>((resolve) => {
        taken = resolve;
      });
      // Its outcome, answer or error, is read at the end (an error read only then would be
      // reported as unhandled).
      const first = idempotent(gw.gateway.db, request(key), async (scope) => {
        await gw.gateway.db.transaction(async (tx) => {
          await (scope.attach as NonNullable<typeof scope.attach>)(tx, 'first');
          taken();
          await stalled;
          if (ending === 'rolls back') throw refused();
        });
        return { status: 201, body: { by: 'first' } };
      }).catch((error: unknown) => error);
      await takenInTransaction;
      // The second's write waits on the first's uncommitted key (PostgreSQL's unique index, or
      // PGlite's one transaction at a time) …
      const second = idempotent(gw.gateway.db, request(key), async (scope) => {
        await attach(scope, 'second');
        return { status: 201, body: { by: 'second' } };
      });
      setTimeout(release, 200);
      // … then finds the key taken and replays, or finds it free and takes it.
      expect(await second).toEqual({ status: 201, body: answer, replayed });
      if (ending === 'commits') {
        expect(await first).toMatchObject({ body: { by: 'first' }, replayed: false });
      } else {
        // The first answers its own refusal, or, when the second took the key before the first
        // looked at it, the key's answer: either way never a second resource.
        const outcome = await first;
        if (outcome instanceof Error) expect(outcome).toMatchObject({ code: 'INVALID_AMOUNT' });
        else expect(outcome).toEqual({ status: 201, body: { by: 'second' }, replayed: true });
      }
      expect(await keyRow(key)).toMatchObject({ state: 'done', resource_id: answer.by });
    },
  );

  it('an operation that ended without taking its key still left its answer: a retry that takes it replays it', async () => {
    // A path that forgot to take the key (none of the create's does) …
    const first = await idempotent(gw.gateway.db, request('take-6'), async () => ({
      status: 200,
      body: { by: 'first' },
    }));
    expect(first).toEqual({ status: 200, body: { by: 'first' }, replayed: false });
    expect(await keyRow('take-6')).toMatchObject({ state: 'done' });
    // … and a retry down a path that takes it: its write is refused, and the answer replays.
    const retry = await idempotent(gw.gateway.db, request('take-6'), async (scope) => {
      await attach(scope, 'r6');
      return { status: 201, body: { by: 'retry' } };
    });
    expect(retry).toEqual({ status: 200, body: { by: 'first' }, replayed: true });
  });

  it('a key taken while the operation ran: its write is refused, it waits for the first and answers as it did', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = idempotent(gw.gateway.db, request('take-5'), async (scope) => {
      await attach(scope, 'r5');
      await stalled;
      return { status: 201, body: { by: 'first' } };
    });
    await eventually(
      () => keyRow('take-5'),
      (row) => row !== undefined,
    );
    let writes = 0;
    const second = idempotent(gw.gateway.db, request('take-5'), async (scope) => {
      writes++;
      await attach(scope, 'r5-again');
      return { status: 201, body: { by: 'second' } };
    });
    setTimeout(release, 200);
    expect(await first).toEqual({ status: 201, body: { by: 'first' }, replayed: false });
    expect(await second).toEqual({ status: 201, body: { by: 'first' }, replayed: true });
    expect(writes).toBe(1);
    expect(await keyRow('take-5')).toMatchObject({ state: 'done', resource_id: 'r5' });
  });
});

describe.each(databaseKinds)('creates that take their key, over HTTP on %s', (kind) => {
  let gw: TestGateway;
  beforeAll(async () => {
    // A share of 3 Daraja requests a minute for the merchant: each one counts here.
    gw = await startTestGateway(kind, {
      MPESA_POLL_SCHEDULE: '600',
      TEST_PROCESSING_DELAY: '600000',
      MPESA_MERCHANT_REQUESTS_PER_MINUTE: '3',
      ALLOW_PRIVATE_WEBHOOK_URLS: 'false',
    });
  });
  afterAll(() => gw?.close());

  const post = (body: unknown, key: string) => postPayment(gw, body, key);
  const mpesa = (amount: number) => ({
    amount_cents: amount,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: '254712345678' },
  });
  const payments = async () =>
    Number(
      (await gw.gateway.db.query<{ n: string }>('select count(*)::text as n from payments'))[0]?.n,
    );

  it("replays, reused keys and refusals take nothing from the merchant's share of M-Pesa", async () => {
    expect((await post(mpesa(10_000), 'share-1')).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const replay = await post(mpesa(10_000), 'share-1');
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    }
    expect((await post(mpesa(20_000), 'share-1')).status).toBe(422);
    // Refused before reaching Daraja: a callback URL that may not be called.
    const refused = await post(
      { ...mpesa(10_000), callback_url: 'http://127.0.0.1:1/x' },
      'share-2',
    );
    expect(refused.status).toBe(400);
    // Two of the three requests a minute are still the merchant's; the next is refused.
    expect((await post(mpesa(10_000), 'share-3')).status).toBe(201);
    expect((await post(mpesa(10_000), 'share-4')).status).toBe(201);
    const spent = await post(mpesa(10_000), 'share-5');
    expect(spent.status).toBe(429);
    expect(((await spent.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('20 concurrent card creates with one key: one payment, 20 identical answers', async () => {
    const before = await payments();
    const card = {
      amount_cents: 250_000,
      currency: 'KES',
      provider: 'BUNI',
      card: { number: '4111111111111111', expiry: '12/30', cvv: '123' },
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(card, `card-${kind}`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(await Promise.all(answers.map((answer) => answer.text()))).size).toBe(1);
    expect(await payments()).toBe(before + 1);
  });
});

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildStkCallback, createDarajaSimulator } from '@malipo/daraja/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type IdempotencyScope, idempotent } from '../src/idempotency/idempotency.js';
import { reconcile } from '../src/payments/reconcile.js';
import { createLoginLink } from '../src/sign-in/sign-in.js';
import { signInOverHttp } from './support/dashboard-session.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

interface PushBody {
  Amount: number;
  PhoneNumber: string;
  CallBackURL: string;
}

/**
 * Daraja as the gateway sees it: the simulator (its customer never answers within a test), with a
 * hook that can script the answer to the next STK push — answer late, answer with a proxy's error
 * page, or send the callback before answering.
 */
async function scriptedDaraja() {
  const simulator = createDarajaSimulator({ callbackDelayMs: 600_000 });
  let onPush: ((body: PushBody, forward: () => Promise<Response>) => Promise<Response>) | undefined;
  const url = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve(
      {
        fetch: async (request: Request) => {
          const path = new URL(request.url).pathname;
          if (onPush && path.endsWith('/mpesa/stkpush/v1/processrequest')) {
            const body = (await request.clone().json()) as PushBody;
            return onPush(body, () => simulator.handle(request));
          }
          return simulator.handle(request);
        },
        hostname: '127.0.0.1',
        port: 0,
      },
      (info: AddressInfo) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
  return {
    url: url.url,
    script(hook: typeof onPush) {
      onPush = hook;
    },
    close() {
      simulator.close();
      url.close();
    },
  };
}

/** An idempotent operation's input for `idempotent()`, as a route would give it. */
const keyRequest = (merchantId: string, key: string) => ({
  merchantId,
  key,
  operation: 'test',
  parameters: {},
  mode: 'test' as const,
  successStatus: 201,
});

const adminToken = `adm_test_${'r'.repeat(32)}`;

describe.each(databaseKinds)('late and early callbacks on %s', (kind) => {
  let gw: TestGateway;
  let daraja: Awaited<ReturnType<typeof scriptedDaraja>>;

  beforeAll(async () => {
    daraja = await scriptedDaraja();
    gw = await startTestGateway(kind, {
      MPESA_SIMULATOR_URL: daraja.url,
      MPESA_POLL_SCHEDULE: '600',
      ADMIN_TOKEN: adminToken,
    });
  });
  afterAll(async () => {
    await gw?.close();
    daraja?.close();
  });
  beforeEach(() => daraja.script(undefined));

  const paymentBody = {
    amount_cents: 10_000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: '254712345678' },
  } as const;
  const create = (idempotencyKey?: string) =>
    fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify(paymentBody),
    });
  const callbackOutcomes = (checkoutRequestId: string) =>
    gw.gateway.db.query<{ outcome: string | null }>(
      'select outcome from mpesa_callbacks where checkout_request_id = $1',
      [checkoutRequestId],
    );
  const postCallback = async (url: string, body: unknown) => {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(200);
  };

  it('a callback that arrives before the push is answered still completes its payment', async () => {
    let checkoutRequestId = '';
    daraja.script(async (body, forward) => {
      const response = await forward();
      checkoutRequestId = ((await response.clone().json()) as { CheckoutRequestID: string })
        .CheckoutRequestID;
      // Daraja's callback comes first, and is processed before the gateway stores the reference.
      await postCallback(
        body.CallBackURL,
        buildStkCallback({
          checkoutRequestId,
          resultCode: 0,
          amount: body.Amount,
          phone: body.PhoneNumber,
          receipt: 'RACE4CB001',
        }),
      );
      await eventually(
        () => callbackOutcomes(checkoutRequestId),
        (rows) => rows[0]?.outcome === 'unmatched',
      );
      return response;
    });
    const created = await create();
    expect(created.status).toBe(201);
    const { payment_id } = (await created.json()) as { payment_id: string };
    const payment = await eventually(
      () => gw.client.payments.retrieve(payment_id),
      (p) => p.status !== 'PENDING',
    );
    expect(payment).toMatchObject({ status: 'COMPLETED', receipt: 'RACE4CB001' });
    expect(await callbackOutcomes(checkoutRequestId)).toEqual([{ outcome: 'settled: COMPLETED' }]);
  });

  it('a success after the payment expired is flagged for review; the status never changes', async () => {
    const created = (await (await create()).json()) as {
      payment_id: string;
      provider_reference: string;
    };
    await reconcile(gw.gateway, { afterSeconds: 0, expireAfterSeconds: 0 });
    expect((await gw.client.payments.retrieve(created.payment_id)).status).toBe('EXPIRED');

    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    await postCallback(
      `${gw.url}/callbacks/mpesa/${token}`,
      buildStkCallback({
        checkoutRequestId: created.provider_reference,
        resultCode: 0,
        amount: 100,
        phone: '254712345678',
        receipt: 'LATE5UC001',
      }),
    );
    const payment = await eventually(
      () => gw.client.payments.retrieve(created.payment_id),
      (p) => Boolean(p.flagged_reason),
    );
    expect(payment.status).toBe('EXPIRED');
    expect(payment.flagged_reason).toBe(
      'paid after EXPIRED: M-Pesa receipt LATE5UC001, 10000 cents',
    );
    const audit = await gw.gateway.db.query<{ from_status: string; to_status: string }>(
      `select from_status, to_status from payment_transitions where payment_id = $1 and reason = 'late_success'`,
      [created.payment_id],
    );
    expect(audit).toEqual([{ from_status: 'EXPIRED', to_status: 'EXPIRED' }]);
    const events = await gw.gateway.db.query<{ type: string }>(
      'select type from events where payment_id = $1 order by created_at',
      [created.payment_id],
    );
    // No event for the late success: the push's `payment.pending`, then the expiry, nothing more.
    expect(events.map((e) => e.type)).toEqual(['payment.pending', 'payment.expired']);
  });

  const callbackUrl = async () =>
    `${gw.url}/callbacks/mpesa/${
      (
        await gw.gateway.db.query<{ value: string }>(
          `select value from settings where name = 'mpesa_callback_token'`,
        )
      )[0]?.value
    }`;
  const paidCallback = (checkoutRequestId: string, amount: number, receipt: string) =>
    buildStkCallback({ checkoutRequestId, resultCode: 0, amount, phone: '254712345678', receipt });
  const settledOutcomes = async (checkoutRequestId: string, count: number) =>
    eventually(
      () => callbackOutcomes(checkoutRequestId),
      (rows) => rows.length === count && rows.every((row) => row.outcome !== null),
    );

  it('a payment flagged by a disagreeing callback stays for review: later callbacks change nothing', async () => {
    const created = (await (await create()).json()) as {
      payment_id: string;
      provider_reference: string;
    };
    const url = await callbackUrl();
    await postCallback(url, paidCallback(created.provider_reference, 1, 'FLAG00A001'));
    await settledOutcomes(created.provider_reference, 1);
    await postCallback(url, paidCallback(created.provider_reference, 100, 'FLAG00A002'));
    await postCallback(
      url,
      buildStkCallback({ checkoutRequestId: created.provider_reference, resultCode: 1032 }),
    );
    const outcomes = await settledOutcomes(created.provider_reference, 3);
    expect(outcomes.filter((row) => row.outcome?.startsWith('flagged: under review'))).toHaveLength(
      2,
    );
    const payment = await gw.client.payments.retrieve(created.payment_id);
    expect(payment).toMatchObject({ status: 'PENDING', amount_captured_cents: 0 });
    expect(payment.flagged_reason).toContain('amount 100 ≠ 10000 cents');
  });

  it('a paid callback that disagrees with a payment already COMPLETED flags it for review', async () => {
    const created = (await (await create()).json()) as {
      payment_id: string;
      provider_reference: string;
    };
    const url = await callbackUrl();
    await postCallback(url, paidCallback(created.provider_reference, 100, 'PAID00B001'));
    await settledOutcomes(created.provider_reference, 1);
    await postCallback(url, paidCallback(created.provider_reference, 100, 'PAID00B001'));
    // M-Pesa may mask the phone: the digits it shows match, so this is a duplicate.
    await postCallback(
      url,
      JSON.parse(
        JSON.stringify(paidCallback(created.provider_reference, 100, 'PAID00B001')).replace(
          '"Value":254712345678',
          '"Value":"2547 ***** 678"',
        ),
      ),
    );
    const outcomes = await settledOutcomes(created.provider_reference, 3);
    expect(outcomes.map((row) => row.outcome)).toContain('duplicate: payment already COMPLETED');
    expect(outcomes.filter((row) => row.outcome?.startsWith('duplicate'))).toHaveLength(2);
    expect((await gw.client.payments.retrieve(created.payment_id)).flagged_reason).toBeNull();
    await postCallback(url, paidCallback(created.provider_reference, 1, 'PAID00B002'));
    await settledOutcomes(created.provider_reference, 4);
    const payment = await gw.client.payments.retrieve(created.payment_id);
    expect(payment).toMatchObject({ status: 'COMPLETED', receipt: 'PAID00B001' });
    expect(payment.flagged_reason).toBe(
      'callback mismatch after COMPLETED: amount 100 ≠ 10000 cents',
    );
  });

  /** An operator's decision on a flagged payment, as `gateway admin payments review` sends it. */
  const review = (paymentId: string, decision: object) =>
    fetch(`${gw.url}/admin/v1/payments/${paymentId}/review`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(decision),
    });
  const refusal = async (answer: Response) => ({
    status: answer.status,
    ...((await answer.json()) as { error: { code: string; field?: string } }).error,
  });
  const eventTypes = async (paymentId: string) =>
    (
      await gw.gateway.db.query<{ type: string }>(
        'select type from events where payment_id = $1 order by created_at',
        [paymentId],
      )
    ).map((event) => event.type);
  const reviewRows = (paymentId: string) =>
    gw.gateway.db.query<{ from_status: string; to_status: string; data: unknown }>(
      `select from_status, to_status, data from payment_transitions where payment_id = $1 and reason = 'review'`,
      [paymentId],
    );
  /** A pending payment flagged by a paid callback for 1 KES instead of 100. */
  const flaggedPending = async (receipt: string) => {
    const created = (await (await create()).json()) as {
      payment_id: string;
      provider_reference: string;
    };
    await postCallback(await callbackUrl(), paidCallback(created.provider_reference, 1, receipt));
    await settledOutcomes(created.provider_reference, 1);
    return created;
  };

  it('a person ends a flagged pending payment’s review: COMPLETED with the receipt they confirmed, its event sent once', async () => {
    const created = await flaggedPending('REVW00A001');
    expect(await refusal(await review(created.payment_id, { note: 'checked' }))).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      field: 'outcome',
    });
    expect(
      await refusal(await review(created.payment_id, { outcome: 'COMPLETED', note: '  ' })),
    ).toMatchObject({ status: 400, field: 'note' });
    // A receipt another payment holds would count one payment's money twice.
    const other = await flaggedPending('REVW00A002');
    await review(other.payment_id, { outcome: 'COMPLETED', note: 'ok', receipt: 'REVW00A009' });
    expect(
      await refusal(
        await review(created.payment_id, {
          outcome: 'COMPLETED',
          note: 'same receipt',
          receipt: 'REVW00A009',
        }),
      ),
    ).toMatchObject({ status: 409, code: 'INVALID_STATE', field: 'receipt' });
    const note = 'M-Pesa statement shows 100 KES under REVW00A001 <b>';
    const answer = await review(created.payment_id, {
      outcome: 'COMPLETED',
      note,
      receipt: 'REVW00A001',
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'COMPLETED', flagged_reason: null });
    expect(await gw.client.payments.retrieve(created.payment_id)).toMatchObject({
      status: 'COMPLETED',
      receipt: 'REVW00A001',
      amount_captured_cents: 10_000,
      flagged_reason: null,
    });
    expect(await reviewRows(created.payment_id)).toEqual([
      {
        from_status: 'PENDING',
        to_status: 'COMPLETED',
        data: {
          note,
          receipt: 'REVW00A001',
          flagged_reason: 'callback mismatch: amount 100 ≠ 10000 cents',
        },
      },
    ]);
    expect(await eventTypes(created.payment_id)).toEqual(['payment.pending', 'payment.completed']);
    // The merchant's timeline shows who decided and why, as text.
    const dashboard = await signInOverHttp(
      gw.url,
      (await createLoginLink(gw.gateway.db, gw.gateway.merchant.merchantId, gw.url)).url,
    );
    const page = await (await dashboard.get(`/dashboard/payments/${created.payment_id}`)).text();
    expect(page).toContain('(review: M-Pesa statement shows 100 KES under REVW00A001 &lt;b&gt;)');
    // A review ends once: a second decision is refused and changes nothing.
    expect(
      await refusal(await review(created.payment_id, { outcome: 'FAILED', note: 'again' })),
    ).toMatchObject({ status: 409, code: 'INVALID_STATE' });
    // M-Pesa sending the disagreeing callback again flags nothing: the person has decided.
    await postCallback(
      await callbackUrl(),
      paidCallback(created.provider_reference, 1, 'REVW00A001'),
    );
    await settledOutcomes(created.provider_reference, 2);
    expect(await gw.client.payments.retrieve(created.payment_id)).toMatchObject({
      status: 'COMPLETED',
      flagged_reason: null,
    });
    expect(await eventTypes(created.payment_id)).toEqual(['payment.pending', 'payment.completed']);
  });

  it('a flagged pending payment not accepted on review fails with REVIEW_REJECTED; two reviews at once act once', async () => {
    const created = await flaggedPending('REVW00B001');
    const answers = await Promise.all(
      ['first', 'second', 'third'].map((note) =>
        review(created.payment_id, { outcome: 'FAILED', note }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    expect(await gw.client.payments.retrieve(created.payment_id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'REVIEW_REJECTED',
      amount_captured_cents: 0,
      flagged_reason: null,
    });
    expect(await reviewRows(created.payment_id)).toHaveLength(1);
    expect(await eventTypes(created.payment_id)).toEqual(['payment.pending', 'payment.failed']);
    // Not "paid after FAILED": it was paid, wrongly, before the decision.
    await postCallback(
      await callbackUrl(),
      paidCallback(created.provider_reference, 1, 'REVW00B001'),
    );
    await settledOutcomes(created.provider_reference, 2);
    expect((await gw.client.payments.retrieve(created.payment_id)).flagged_reason).toBeNull();
    expect(await refusal(await review('pay_none', { outcome: 'FAILED', note: 'x' }))).toMatchObject(
      { status: 404, code: 'NOT_FOUND' },
    );
  });

  it('the review of a late success keeps the status: a note ends it, an outcome is refused', async () => {
    const created = (await (await create()).json()) as {
      payment_id: string;
      provider_reference: string;
    };
    await reconcile(gw.gateway, { afterSeconds: 0, expireAfterSeconds: 0 });
    await postCallback(
      await callbackUrl(),
      paidCallback(created.provider_reference, 100, 'REVW00C001'),
    );
    await settledOutcomes(created.provider_reference, 1);
    expect(
      await refusal(await review(created.payment_id, { outcome: 'COMPLETED', note: 'paid' })),
    ).toMatchObject({ status: 409, code: 'INVALID_STATE', field: 'outcome' });
    expect((await gw.client.payments.retrieve(created.payment_id)).flagged_reason).toMatch(
      /^paid after EXPIRED/,
    );
    const updatedAt = async () =>
      (
        await gw.gateway.db.query<{ updated_at: string }>(
          'select updated_at::text from payments where id = $1',
          [created.payment_id],
        )
      )[0]?.updated_at;
    const settledAt = await updatedAt();
    const answer = await review(created.payment_id, { note: 'refunded by hand' });
    expect(answer.status).toBe(200);
    // It dates the settlement (an unconfirmed checkout attempt's hold counts from it).
    expect(await updatedAt()).toBe(settledAt);
    expect(await gw.client.payments.retrieve(created.payment_id)).toMatchObject({
      status: 'EXPIRED',
      flagged_reason: null,
    });
    expect(await reviewRows(created.payment_id)).toMatchObject([
      { from_status: 'EXPIRED', to_status: 'EXPIRED', data: { note: 'refunded by hand' } },
    ]);
    expect(await eventTypes(created.payment_id)).toEqual(['payment.pending', 'payment.expired']);
    // Not flagged any more: nothing left to review, and the late callback sent again is a
    // duplicate, not a second late success.
    expect(await refusal(await review(created.payment_id, { note: 'again' }))).toMatchObject({
      status: 409,
      code: 'INVALID_STATE',
    });
    await postCallback(
      await callbackUrl(),
      paidCallback(created.provider_reference, 100, 'REVW00C001'),
    );
    await settledOutcomes(created.provider_reference, 2);
    expect((await gw.client.payments.retrieve(created.payment_id)).flagged_reason).toBeNull();
  });

  it("a push Daraja's proxy answers with an error page is failed as unconfirmed; a refusal keeps Daraja's code", async () => {
    daraja.script(
      async () =>
        new Response('<html><body>504 Gateway Time-out</body></html>', {
          status: 504,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const unconfirmed = await create();
    expect(unconfirmed.status).toBe(502);
    const { error } = (await unconfirmed.json()) as {
      error: { code: string; message: string; payment_id: string };
    };
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/did not confirm/);
    expect(await gw.client.payments.retrieve(error.payment_id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'PROVIDER_UNCONFIRMED',
    });

    daraja.script(async () =>
      Response.json(
        {
          requestId: 'req-1',
          errorCode: '400.002.02',
          errorMessage: 'Bad Request - Invalid Amount',
        },
        { status: 400 },
      ),
    );
    const refused = await create();
    expect(refused.status).toBe(502);
    const refusal = (await refused.json()) as { error: { message: string; payment_id: string } };
    expect(refusal.error.message).toMatch(/refused/);
    expect(await gw.client.payments.retrieve(refusal.error.payment_id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'api_error',
    });
  });

  it('a refused push answers 502 under its Idempotency-Key: a retry replays it and pushes nothing more', async () => {
    let pushes = 0;
    daraja.script(async () => {
      pushes++;
      return Response.json(
        {
          requestId: 'req-2',
          errorCode: '400.002.02',
          errorMessage: 'Bad Request - Invalid Amount',
        },
        { status: 400 },
      );
    });
    const send = () => create(`refused-push-${kind}`);
    const first = await send();
    expect(first.status).toBe(502);
    const retry = await send();
    expect(retry.status).toBe(502);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
    expect(pushes).toBe(1);
  });

  it("Daraja's error text is stored and answered with anything credential-like blanked", async () => {
    // Daraja can echo the request's Password (base64 of shortcode + passkey + timestamp).
    const password = Buffer.from(
      `174379${'bfb279f9aa9bdbcf158e97dd71a467cd'}20261127120000`,
    ).toString('base64');
    daraja.script(async () =>
      Response.json(
        {
          requestId: 'req-2',
          errorCode: '400.002.02',
          errorMessage: `Invalid Password ${password}`,
        },
        { status: 400 },
      ),
    );
    const refused = await create();
    expect(refused.status).toBe(502);
    const text = await refused.text();
    expect(text).not.toContain(password);
    const { error } = JSON.parse(text) as { error: { message: string; payment_id: string } };
    expect(error.message).toContain('400.002.02');
    const stored = await gw.client.payments.retrieve(error.payment_id);
    expect(stored.failure_message).toContain('[redacted]');
    expect(JSON.stringify(stored)).not.toContain(password);
  });

  it('a request that outlived its idempotency lock cannot overwrite the request that took over', async () => {
    const { db, merchant } = gw.gateway;
    const key = `fence-${kind}`;
    const request = keyRequest(merchant.merchantId, key);
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first request stalls before creating anything …
    const first = idempotent(db, request, async (scope) => {
      await stalled;
      await db.transaction((tx) => (scope.attach as NonNullable<typeof scope.attach>)(tx, 'r1'));
      return { status: 201, body: { by: 'first' } };
    });
    await eventually(
      () => db.query('select 1 from idempotency_keys where key = $1', [key]),
      (rows) => rows.length === 1,
    );
    // … past its lock, so a retry takes the key over and creates the resource.
    await db.query(
      `update idempotency_keys set locked_until = now() - interval '1 second' where key = $1`,
      [key],
    );
    const second = await idempotent(db, request, async (scope) => {
      expect(scope.recoveredResourceId).toBeUndefined();
      await db.transaction((tx) => (scope.attach as NonNullable<typeof scope.attach>)(tx, 'r2'));
      return { status: 201, body: { by: 'second' } };
    });
    expect(second).toMatchObject({ replayed: false, body: { by: 'second' } });

    release();
    await expect(first).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    const rows = await db.query<{ resource_id: string; response_body: string; state: string }>(
      'select resource_id, response_body, state from idempotency_keys where key = $1',
      [key],
    );
    expect(rows).toEqual([{ resource_id: 'r2', response_body: '{"by":"second"}', state: 'done' }]);
    const replay = await idempotent(db, request, async () => {
      throw new Error('a finished key must replay, not run');
    });
    expect(replay).toMatchObject({ replayed: true, body: { by: 'second' } });
  });

  it('an answer an operation stored itself stands only when it is the route’s answer', async () => {
    const { db, merchant } = gw.gateway;
    const request = (key: string) => keyRequest(merchant.merchantId, key);
    // The operation's own statement stores an answer under the key, fenced on the request …
    const storeItself = async (scope: IdempotencyScope, body: string) => {
      const slot = scope.answer as NonNullable<typeof scope.answer>;
      const stored = await db.query(
        `update idempotency_keys set state = 'done', response_status = $5, response_body = $6
         where merchant_id = $1 and key = $2 and mode = $3 and owner = $4 returning key`,
        [
          slot.fence.merchantId,
          slot.fence.key,
          slot.fence.mode,
          slot.fence.owner,
          slot.status,
          body,
        ],
      );
      expect(stored).toHaveLength(1);
      slot.stored(body);
    };
    // … and the route answers something else: the route's answer is what a replay repeats.
    await idempotent(db, request(`differs-${kind}`), async (scope) => {
      await storeItself(scope, '{"by":"operation"}');
      return { status: 201, body: { by: 'route' } };
    });
    const replay = await idempotent(db, request(`differs-${kind}`), async () => {
      throw new Error('a finished key must replay, not run');
    });
    expect(replay).toMatchObject({ replayed: true, status: 201, body: { by: 'route' } });

    // The same answer: it stands as stored.
    await idempotent(db, request(`same-${kind}`), async (scope) => {
      await storeItself(scope, '{"by":"both"}');
      return { status: 201, body: { by: 'both' } };
    });
    const rows = await db.query(
      'select state, response_status, response_body from idempotency_keys where key = $1',
      [`same-${kind}`],
    );
    expect(rows).toEqual([{ state: 'done', response_status: 201, response_body: '{"by":"both"}' }]);
  });
});

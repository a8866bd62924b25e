import { MalipoAPIError } from '@malipo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileTransfers } from '../src/transfers/reconcile-transfers.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

/** The error a client call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<MalipoAPIError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(MalipoAPIError);
  return outcome as MalipoAPIError;
}

describe.each(databaseKinds)('payouts, refunds and capture on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;

  beforeAll(async () => {
    gw = await startTestGateway(kind);
    receiver = await startReceiver(gw.webhookSecret);
    // A registered endpoint signs with its own secret.
    receiver.secret = (await gw.client.webhookEndpoints.create({ url: receiver.url })).secret;
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const simulator = () => {
    const found = gw.gateway.mpesa.simulator;
    if (!found) throw new Error('the gateway hosts no simulator');
    return found;
  };

  /** A COMPLETED payment of `amountCents` from `phone` (it also adds to the merchant's balance). */
  const paid = async (amountCents: number, phone = '254712345678') => {
    const created = await gw.client.payments.create({
      amount_cents: amountCents,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: phone },
    });
    const payment = await gw.client.payments.waitFor(created.payment_id, {
      timeout: 20_000,
      interval: 200,
    });
    expect(payment.status).toBe('COMPLETED');
    return payment;
  };

  const payout = (amountCents: number, phone: string) =>
    gw.client.payouts.create({
      amount_cents: amountCents,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      recipient: { phone_number: phone, name: 'Jane Wanjiku' },
      description: 'Supplier payment',
    });

  const ageBalanceReport = () =>
    gw.gateway.db.query(
      `update mpesa_balances set reported_at = now() - interval '1 hour', requested_at = null`,
    );

  const resultOutcomes = async (targetId: string) =>
    (
      await gw.gateway.db.query<{ outcome: string | null }>(
        // A status check's result names the transfer, then when it was asked.
        `select outcome from mpesa_results where target_id = $1 or target_id like $1 || '-%'`,
        [targetId],
      )
    ).map((row) => row.outcome);

  const settledPayout = (id: string) =>
    eventually(
      () => gw.client.payouts.retrieve(id),
      (p) => p.status !== 'PENDING',
    );
  const settledRefund = (id: string) =>
    eventually(
      () => gw.client.refunds.retrieve(id),
      (r) => r.status !== 'PENDING',
    );
  const eventsOf = (type: string, key: 'payout_id' | 'refund_id', id: string) =>
    eventually(
      async () =>
        receiver.events.filter(
          (event) => event.event === type && (event as Record<string, unknown>)[key] === id,
        ),
      (events) => events.length > 0,
    );

  it('refuses a payout the merchant has not earned: 402 in the error envelope', async () => {
    const error = await failure(payout(20_000_000, '254708374149'));
    expect(error.status).toBe(402);
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.message).toMatch(/Your balance is KES/);
  });

  it('captures M-Pesa payments when paid; capture answers 409 INVALID_STATE saying why', async () => {
    const payment = await paid(50_000);
    expect(payment.amount_captured_cents).toBe(50_000);
    const error = await failure(gw.client.payments.capture(payment.payment_id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toMatch(/captured when the customer pays/);
  });

  it('pays out over B2C: PENDING → result → COMPLETED, payout.completed verified by the receiver', async () => {
    await paid(100_000);
    const created = await payout(20_000, '254708374149');
    expect(created).toMatchObject({ status: 'PENDING', amount_cents: 20_000, livemode: false });
    expect(created.payout_id).toMatch(/^po_/);
    expect(created.provider_reference).toEqual(expect.any(String));
    const done = await settledPayout(created.payout_id);
    expect(done).toMatchObject({ status: 'COMPLETED', failure_code: null });
    expect(done.receipt).toEqual(expect.any(String));
    const [event] = await eventsOf('payout.completed', 'payout_id', created.payout_id);
    expect(event).toMatchObject({
      status: 'COMPLETED',
      amount_cents: 20_000,
      currency: 'KES',
      receipt: done.receipt,
      phone_number: '254708374149',
    });
    const listed = await gw.client.payouts.list({ status: 'COMPLETED' });
    expect(listed.data.map((p) => p.payout_id)).toContain(created.payout_id);
    // The guide's path answers the same payout.
    const viaAlias = await fetch(`${gw.url}/api/payouts/${created.payout_id}`, {
      headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
    });
    expect(await viaAlias.json()).toMatchObject({ success: true, payout_id: created.payout_id });
  });

  it('a payout M-Pesa refuses outright is 502 PROVIDER_ERROR naming it, FAILED, its amount freed', async () => {
    await paid(10_000);
    const before = await gw.client.balance.retrieve();
    simulator().failNext({
      endpoint: 'b2c',
      status: 400,
      body: {
        requestId: '1-2-3',
        errorCode: '400.002.02',
        errorMessage: 'Bad Request - Invalid PartyB',
      },
    });
    const error = await failure(payout(10_000, '254708374149'));
    expect(error.status).toBe(502);
    expect(error.code).toBe('PROVIDER_ERROR');
    const payoutId = (error.raw as { error: { payout_id: string } }).error.payout_id;
    expect(payoutId).toMatch(/^po_/);
    expect(await gw.client.payouts.retrieve(payoutId)).toMatchObject({
      status: 'FAILED',
      failure_code: '400.002.02',
    });
    expect((await gw.client.balance.retrieve()).available_cents).toBe(before.available_cents);
  });

  it('a payout whose result never arrives is settled by transaction status reconciliation', async () => {
    await paid(20_000);
    // 254744444444: M-Pesa pays, but posts no result.
    const created = await payout(10_000, '254744444444');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await gw.client.payouts.retrieve(created.payout_id)).status).toBe('PENDING');
    const sweep = await reconcileTransfers(gw.gateway, {
      afterSeconds: 0,
      expireAfterSeconds: 900,
    });
    expect(sweep.checked).toBeGreaterThanOrEqual(1);
    expect(sweep.failed).toEqual([]);
    const done = await settledPayout(created.payout_id);
    expect(done.status).toBe('COMPLETED');
    await eventsOf('payout.completed', 'payout_id', created.payout_id);
  });

  it('a queue timeout is settled by a status check: FAILED QUEUE_TIMEOUT, its amount freed', async () => {
    await paid(10_000);
    const before = await gw.client.balance.retrieve();
    const created = await payout(10_000, '254711111111');
    // The timeout alone proves nothing: it makes the payout due for a status check.
    await eventually(
      () => resultOutcomes(created.payout_id),
      (outcomes) => outcomes.includes('queue timeout: awaiting a status check'),
    );
    expect((await gw.client.payouts.retrieve(created.payout_id)).status).toBe('PENDING');
    await reconcileTransfers(gw.gateway, { afterSeconds: 3_600, expireAfterSeconds: 7_200 });
    const done = await settledPayout(created.payout_id);
    expect(done).toMatchObject({ status: 'FAILED', failure_code: 'QUEUE_TIMEOUT' });
    await eventsOf('payout.failed', 'payout_id', created.payout_id);
    expect((await gw.client.balance.retrieve()).available_cents).toBe(before.available_cents);
  });

  it('"no such transaction", asked before the payout was sent again, settles nothing', async () => {
    await paid(10_000);
    // 254744444444: paid, no result posted; the payout stays PENDING.
    const created = await payout(10_000, '254744444444');
    // Each send to Daraja is noted.
    expect(
      await gw.gateway.db.query('select sent_at is not null as sent from payouts where id = $1', [
        created.payout_id,
      ]),
    ).toEqual([{ sent: true }]);
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const [{ sent_ms: sentMs } = { sent_ms: '0' }] = await gw.gateway.db.query<{
      sent_ms: string;
    }>(
      'select (extract(epoch from sent_at) * 1000)::bigint as sent_ms from payouts where id = $1',
      [created.payout_id],
    );
    // M-Pesa's "no such transaction", to a question asked at `askedMs` (its result URL says when).
    const answer = (askedMs: number) =>
      fetch(`${gw.url}/callbacks/mpesa/${token}/results/status/${created.payout_id}-${askedMs}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Result: {
            ResultType: 0,
            ResultCode: 2032,
            ResultDesc: 'The transaction receipt number does not exist.',
            OriginatorConversationID: `status-${askedMs}`,
            ConversationID: `AG_20260101_${askedMs}`,
            TransactionID: 'TGR3HYT7ZZ',
          },
        }),
      });
    // Asked before the payout was last sent (a retry resent it after its process was killed):
    // the answer is about the world before that send, however late it arrives and whatever was
    // asked since.
    await gw.gateway.db.query(`update payouts set status_checked_at = now() where id = $1`, [
      created.payout_id,
    ]);
    expect((await answer(Number(sentMs) - 1_000)).status).toBe(200);
    await eventually(
      () => resultOutcomes(created.payout_id),
      (outcomes) => outcomes.some((o) => o?.includes('asked before the payout was sent again')),
    );
    expect((await gw.client.payouts.retrieve(created.payout_id)).status).toBe('PENDING');
    // Asked after the last send: M-Pesa's "no such transaction" fails it.
    expect((await answer(Number(sentMs) + 1_000)).status).toBe(200);
    expect(await settledPayout(created.payout_id)).toMatchObject({
      status: 'FAILED',
      failure_code: '2032',
    });
  });

  it('a result with a malformed field settles on what it proves, and never stops the worker', async () => {
    await paid(10_000);
    // 254744444444: paid, no result posted; we post one with an unreadable completion time.
    const created = await payout(10_000, '254744444444');
    const resultUrl = simulator().asyncRequest(created.payout_id)?.resultUrl as string;
    const answer = await fetch(resultUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Result: {
          ResultType: 0,
          ResultCode: 0,
          ResultDesc: 'The service request is processed successfully.',
          OriginatorConversationID: created.payout_id,
          ConversationID: created.provider_reference,
          TransactionID: 'TGR3HYT7CK',
          ResultParameters: {
            ResultParameter: [
              { Key: 'TransactionCompletedDateTime', Value: 'yesterday' },
              { Key: 'TransactionAmount', Value: 'a hundred' },
            ],
          },
        },
      }),
    });
    expect(answer.status).toBe(200);
    const done = await settledPayout(created.payout_id);
    expect(done).toMatchObject({ status: 'COMPLETED', receipt: 'TGR3HYT7CK' });
  });

  it('an M-Pesa account that cannot cover it: FAILED by M-Pesa first, then 402 once the balance is known', async () => {
    await paid(200_000);
    simulator().setBalanceCents(5_000);
    const first = await payout(100_000, '254708374149');
    const failed = await settledPayout(first.payout_id);
    expect(failed).toMatchObject({ status: 'FAILED', failure_code: '1' });
    await eventsOf('payout.failed', 'payout_id', first.payout_id);
    // Asking for the balance refreshes an M-Pesa figure older than a minute (Daraja answers
    // asynchronously); the successful payouts above reported one moments ago, so age it.
    await ageBalanceReport();
    const balance = await gw.client.balance.retrieve();
    expect(balance.mpesa_account).toMatchObject({ utility_available_cents: 5_000 });
    const error = await failure(payout(100_000, '254708374149'));
    expect(error.status).toBe(402);
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect(error.message).toMatch(/M-Pesa account cannot cover/);
    simulator().setBalanceCents(1_000_000_000);
    await ageBalanceReport();
    expect((await gw.client.balance.retrieve()).mpesa_account).toMatchObject({
      utility_available_cents: 1_000_000_000,
    });
  });

  it("payouts made while earlier payouts' results arrive all succeed: no deadlock, no 500", async () => {
    await paid(100_000);
    // Six clients paying out in a loop: each result (it reports the account balance) is
    // recorded while other payouts hold the merchant's ledger.
    const answers: PromiseSettledResult<unknown>[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 5; i++) {
          answers.push(...(await Promise.allSettled([payout(1_000, '254708374149')])));
        }
      }),
    );
    expect(answers.filter((a) => a.status === 'rejected').map((a) => a.reason)).toEqual([]);
  });

  it('concurrent payouts never overcommit the M-Pesa account: it covers two, eight get 402', async () => {
    await paid(60_000);
    const pendingTransfers = () =>
      gw.gateway.db.query(
        `select id from payouts where status = 'PENDING' union all select id from refunds where status = 'PENDING'`,
      );
    await eventually(pendingTransfers, (rows) => rows.length === 0);
    // M-Pesa itself holds 10,000 too: the balance each accepted payout's result reports agrees
    // with the figure the burst is checked against (a stale 1e9 report would cover more).
    simulator().setBalanceCents(10_000);
    await gw.gateway.db.query(
      `insert into mpesa_balances (mode, utility_available_cents, reported_at) values ('test', 10000, now())
       on conflict (mode) do update set utility_available_cents = 10000, reported_at = now(), requested_at = null`,
    );
    try {
      const answers = await Promise.allSettled(
        Array.from({ length: 10 }, () => payout(5_000, '254708374149')),
      );
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
      for (const answer of answers.filter((a) => a.status === 'rejected')) {
        expect(answer.reason).toMatchObject({ status: 402, code: 'INSUFFICIENT_BALANCE' });
      }
    } finally {
      await eventually(pendingTransfers, (rows) => rows.length === 0);
      simulator().setBalanceCents(1_000_000_000);
      await ageBalanceReport();
      await gw.client.balance.retrieve();
    }
  });

  it('a full refund reverses the payment: PROCESSED, refund.processed, nothing left to refund', async () => {
    const payment = await paid(30_000);
    const refund = await gw.client.payments.refund(payment.payment_id, { reason: 'Returned' });
    expect(refund).toMatchObject({
      status: 'PENDING',
      method: 'MPESA_REVERSAL',
      amount_cents: 30_000,
      payment_id: payment.payment_id,
    });
    const done = await settledRefund(refund.refund_id);
    expect(done.status).toBe('PROCESSED');
    const [event] = await eventsOf('refund.processed', 'refund_id', refund.refund_id);
    expect(event).toMatchObject({ payment_id: payment.payment_id, amount_cents: 30_000 });
    expect((await gw.client.payments.retrieve(payment.payment_id)).amount_refunded_cents).toBe(
      30_000,
    );
    const again = await failure(gw.client.payments.refund(payment.payment_id, {}));
    expect(again.status).toBe(400);
    expect(again.code).toBe('INVALID_AMOUNT');
    expect(again.message).toMatch(/Nothing is left to refund on this payment/);
  });

  it('a full refund of a payment settled without its receipt (callback lost) goes over B2C', async () => {
    // 254744444444: paid, but the callback never comes; the early query settles it, receipt unknown.
    const payment = await paid(20_000, '254744444444');
    expect(payment.receipt).toBeNull();
    const refund = await gw.client.payments.refund(payment.payment_id, {});
    expect(refund).toMatchObject({ method: 'MPESA_B2C', amount_cents: 20_000 });
    // The same phone gets its B2C with no result posted either: a status check settles it.
    await reconcileTransfers(gw.gateway, { afterSeconds: 0, expireAfterSeconds: 7_200 });
    expect((await settledRefund(refund.refund_id)).status).toBe('PROCESSED');
  });

  it("two partial refunds go to the payer's phone over B2C and are listed on the payment", async () => {
    const payment = await paid(10_000);
    const first = await gw.client.payments.refund(payment.payment_id, { amount_cents: 3_000 });
    const second = await gw.client.payments.refund(payment.payment_id, { amount_cents: 4_000 });
    for (const refund of [first, second]) {
      expect(refund.method).toBe('MPESA_B2C');
      expect((await settledRefund(refund.refund_id)).status).toBe('PROCESSED');
    }
    const listed = await gw.client.refunds.list(payment.payment_id);
    expect(listed.data.map((r) => r.refund_id).sort()).toEqual(
      [first.refund_id, second.refund_id].sort(),
    );
    const tooMuch = await failure(
      gw.client.payments.refund(payment.payment_id, { amount_cents: 4_000 }),
    );
    expect(tooMuch.code).toBe('INVALID_AMOUNT');
    expect(tooMuch.message).toMatch(/Only 3000 cents/);
  });

  it('a refund of money already paid out is 402: the merchant balance pays refunds too', async () => {
    const { available_cents } = await gw.client.balance.retrieve();
    const payment = await paid(20_000);
    const spent = await payout(available_cents + 20_000, '254708374149');
    expect((await settledPayout(spent.payout_id)).status).toBe('COMPLETED');
    const error = await failure(gw.client.payments.refund(payment.payment_id, {}));
    expect(error.status).toBe(402);
    expect(error.code).toBe('INSUFFICIENT_BALANCE');
    expect((await gw.client.payments.retrieve(payment.payment_id)).amount_refunded_cents).toBe(0);
  });

  it('a reversal whose answer was lost stays PENDING: a status check cannot find it, so never fails it', async () => {
    const payment = await paid(20_000);
    simulator().failNext({
      endpoint: 'reversal',
      status: 504,
      body: '<html>Gateway Timeout</html>',
    });
    const refund = await gw.client.payments.refund(payment.payment_id, {});
    expect(refund).toMatchObject({
      status: 'PENDING',
      method: 'MPESA_REVERSAL',
      provider_reference: null,
    });
    const sweep = await reconcileTransfers(gw.gateway, {
      afterSeconds: 0,
      expireAfterSeconds: 900,
    });
    expect(sweep.failed).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await gw.client.refunds.retrieve(refund.refund_id)).status).toBe('PENDING');
    expect((await gw.client.payments.retrieve(payment.payment_id)).amount_refunded_cents).toBe(
      20_000,
    );
  });

  it('20 concurrent partial refunds that together exceed the amount: only those that fit succeed', async () => {
    await paid(100_000); // the merchant's balance is not what binds here
    const payment = await paid(10_000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        gw.client.payments.refund(payment.payment_id, { amount_cents: 1_500 }),
      ),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    // 6 × 1 500 = 9 000 fits in 10 000; a seventh would not.
    expect(accepted).toHaveLength(6);
    for (const outcome of refused) {
      expect((outcome.reason as MalipoAPIError).code).toBe('INVALID_AMOUNT');
    }
    const after = await gw.client.payments.retrieve(payment.payment_id);
    expect(after.amount_refunded_cents).toBe(9_000);
    const rows = await gw.gateway.db.query<{ total: string }>(
      'select sum(amount_cents)::text as total from refunds where payment_id = $1',
      [payment.payment_id],
    );
    expect(Number(rows[0]?.total)).toBe(9_000);
  });
});

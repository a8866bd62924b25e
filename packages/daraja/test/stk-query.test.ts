import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { DarajaApiError } from '../src/index.js';
import { pollStkResult } from '../src/stk/poll.js';
import { capturedPayloads } from '../src/testing/index.js';
import { baseUrl, server, simulatedDaraja, validPush } from './support/simulated-daraja.js';

const queryPath = `${baseUrl}/mpesa/stkpushquery/v1/query`;

describe('stkQuery', () => {
  it('reports both "still processing" shapes as pending, never failed', async () => {
    const { daraja } = simulatedDaraja({ callbackDelayMs: 60_000, pendingShape: 'alternate' });
    const push = await daraja.stkPush(validPush);
    const first = await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
    const second = await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
    expect(first).toMatchObject({ status: 'pending', code: '500.001.1001', category: 'pending' });
    expect(second).toMatchObject({ status: 'pending', code: '4999', category: 'pending' });
  });

  it.each([
    ['querySuccess', 200, { status: 'completed', code: '0', category: 'success' }],
    ['queryPending4999', 200, { status: 'pending', code: '4999' }],
    ['queryPending500', 500, { status: 'pending', code: '500.001.1001' }],
    [
      'queryCancelled',
      200,
      { status: 'cancelled', code: '1032', description: '[STK_CB - ]Request cancelled by user' },
    ],
    ['queryTimeout', 200, { status: 'expired', code: '1037' }],
  ] as const)('parses the captured %s answer', async (name, status, expected) => {
    const { daraja } = simulatedDaraja();
    server.use(http.post(queryPath, () => HttpResponse.json(capturedPayloads[name], { status })));
    const payload: Record<string, unknown> = capturedPayloads[name];
    const result = await daraja.stkQuery({ checkoutRequestId: 'ws_CO_13012021093521236557' });
    // The id in Daraja's answer wins; the 500 shape has none, so the requested id is kept.
    const id = payload.CheckoutRequestID ?? 'ws_CO_13012021093521236557';
    expect(result).toMatchObject({ checkoutRequestId: id, ...expected });
    expect(result.raw).toEqual(capturedPayloads[name]);
  });

  it('does not retry a "being processed" 500, and does retry spike arrest and 503', async () => {
    const { simulator, daraja } = simulatedDaraja({
      callbackDelayMs: 60_000,
      pendingShape: 'http-500',
    });
    const push = await daraja.stkPush(validPush);
    await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
    expect(simulator.stats.stkQueries).toBe(1);

    simulator.failNext({
      endpoint: 'stkquery',
      status: 500,
      body: {
        requestId: 'x',
        errorCode: '500.003.02',
        errorMessage: 'Error Occurred: Spike Arrest Violation',
      },
    });
    simulator.failNext({ endpoint: 'stkquery', status: 503, body: '' });
    await simulator.settle(push.checkoutRequestId);
    const settled = await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
    expect(settled.status).toBe('completed');
    expect(simulator.stats.stkQueries).toBe(4);
  });

  it('gives up after the retry limit with the last error', async () => {
    const { simulator, daraja } = simulatedDaraja({}, { retry: { limit: 2, backoffLimitMs: 5 } });
    const push = await daraja.stkPush(validPush);
    simulator.failNext({ endpoint: 'stkquery', status: 503, body: '', count: 10 });
    await expect(
      daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId }),
    ).rejects.toMatchObject({
      name: 'DarajaApiError',
      status: 503,
    });
    expect(simulator.stats.stkQueries).toBe(3);
  });

  it('does not treat "wrong credentials" (same 500.001.1001 code) as pending', async () => {
    const { daraja } = simulatedDaraja();
    server.use(
      http.post(queryPath, () =>
        HttpResponse.json(
          {
            requestId: 'r',
            errorCode: '500.001.1001',
            errorMessage: '[MerchantValidate] - Wrong credentials',
          },
          { status: 500 },
        ),
      ),
    );
    await expect(daraja.stkQuery({ checkoutRequestId: 'ws_CO_1' })).rejects.toMatchObject({
      errorCode: '500.001.1001',
    });
  });

  it('classifies by code, whatever the description says', async () => {
    const { daraja } = simulatedDaraja();
    server.use(
      http.post(queryPath, () =>
        HttpResponse.json({
          ...capturedPayloads.querySuccess,
          ResultCode: '1032',
          ResultDesc: 'The service request is processed successfully.',
        }),
      ),
    );
    expect((await daraja.stkQuery({ checkoutRequestId: 'ws_CO_1' })).status).toBe('cancelled');
  });

  it.each([undefined, '', '  ', 42])(
    'rejects checkoutRequestId %j naming the field',
    async (value) => {
      const { daraja } = simulatedDaraja();
      await expect(daraja.stkQuery({ checkoutRequestId: value as string })).rejects.toMatchObject({
        name: 'DarajaValidationError',
        field: 'checkoutRequestId',
      });
    },
  );
});

describe('pollStkResult', () => {
  it('settles an early success', async () => {
    const { daraja } = simulatedDaraja({ callbackDelayMs: 30 });
    const push = await daraja.stkPush(validPush);
    const result = await daraja.pollStkResult(push.checkoutRequestId, {
      attempts: 5,
      intervalMs: 20,
    });
    expect(result).toMatchObject({ status: 'completed', code: '0' });
  });

  it('settles an early cancellation', async () => {
    const { daraja } = simulatedDaraja({ callbackDelayMs: 10 });
    const push = await daraja.stkPush({ ...validPush, phone: '0733333333' });
    const result = await daraja.pollStkResult(push.checkoutRequestId, {
      attempts: 5,
      intervalMs: 20,
    });
    expect(result).toMatchObject({ status: 'cancelled', code: '1032' });
  });

  it('returns pending when the customer has not answered within the attempts', async () => {
    const { simulator, daraja } = simulatedDaraja({ callbackDelayMs: 60_000 });
    const push = await daraja.stkPush(validPush);
    const result = await daraja.pollStkResult(push.checkoutRequestId, {
      attempts: 3,
      intervalMs: 5,
    });
    expect(result.status).toBe('pending');
    expect(simulator.stats.stkQueries).toBe(3);
  });

  it('keeps polling through a transient failure', async () => {
    const { simulator, daraja } = simulatedDaraja({ callbackDelayMs: 10 }, { retry: { limit: 0 } });
    const push = await daraja.stkPush(validPush);
    simulator.failNext({ endpoint: 'stkquery', status: 503, body: '' });
    const result = await daraja.pollStkResult(push.checkoutRequestId, {
      attempts: 3,
      intervalMs: 20,
    });
    expect(result.status).toBe('completed');
  });
});

describe('pollStkResult edge cases', () => {
  it('a non-transient failure after a pending answer is thrown, not hidden', async () => {
    const { daraja } = simulatedDaraja({ callbackDelayMs: 60_000 });
    const push = await daraja.stkPush(validPush);
    const pending = await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
    const refused = new DarajaApiError({
      status: 400,
      errorCode: '400.002.02',
      errorMessage: 'Bad Request',
      bodyKind: 'envelope',
      raw: {},
    });
    let calls = 0;
    const query = async () => {
      calls += 1;
      if (calls === 1) return pending;
      throw refused;
    };
    await expect(
      pollStkResult(query, push.checkoutRequestId, { attempts: 3, intervalMs: 1 }),
    ).rejects.toBe(refused);
    expect(calls).toBe(2);
  });

  it('attempts or intervalMs that are not numbers fall back to the defaults', async () => {
    const { simulator, daraja } = simulatedDaraja({ callbackDelayMs: 60_000 });
    const push = await daraja.stkPush(validPush);
    await daraja.pollStkResult(push.checkoutRequestId, { attempts: Number.NaN, intervalMs: 5 });
    expect(simulator.stats.stkQueries).toBe(2);
  });
});

describe('simulator callbacks', () => {
  it('posts one parseable callback per settled push, matching the query', async () => {
    const { parseStkCallback } = await import('../src/index.js');
    const { simulator, daraja, callbacks } = simulatedDaraja({ callbackDelayMs: 5 });
    const paid = await daraja.stkPush(validPush);
    const cancelled = await daraja.stkPush({ ...validPush, phone: '254733333333' });
    await new Promise((r) => setTimeout(r, 30));
    await simulator.idle();
    const parsed = callbacks.map((c) => parseStkCallback(c));
    expect(parsed.map((c) => [c.checkoutRequestId, c.status]).sort()).toEqual(
      [
        [paid.checkoutRequestId, 'completed'],
        [cancelled.checkoutRequestId, 'cancelled'],
      ].sort(),
    );
    const receipt = parsed.find((c) => c.status === 'completed');
    expect(receipt?.status === 'completed' && receipt.amountCents).toBe(1000);
    expect((await daraja.stkQuery({ checkoutRequestId: cancelled.checkoutRequestId })).status).toBe(
      'cancelled',
    );
    expect(simulator.transaction(paid.checkoutRequestId)?.deliveries).toEqual([
      { at: expect.any(Number), status: 200 },
    ]);
  });
});

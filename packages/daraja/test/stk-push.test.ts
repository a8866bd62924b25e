import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DarajaApiError,
  DarajaNetworkError,
  isDarajaError,
  type StkPushInput,
} from '../src/index.js';
import {
  baseUrl,
  recordRequests,
  server,
  simulatedDaraja,
  validPush,
} from './support/simulated-daraja.js';

describe('stkPush', () => {
  it('sends the documented body: one timestamp, normalised phone, paybill fields', async () => {
    const bodies: Record<string, unknown>[] = [];
    server.events.on('request:start', async ({ request }) => {
      if (request.url.endsWith('/processrequest')) bodies.push(await request.clone().json());
    });
    const { simulator, daraja } = simulatedDaraja();
    const result = await daraja.stkPush({ ...validPush, phone: '+254 708 374 149' });
    expect(result).toMatchObject({ responseCode: '0', phone: '254708374149' });
    expect(result.checkoutRequestId).toMatch(/^ws_CO_/);
    const body = bodies[0]!;
    expect(body).toMatchObject({
      BusinessShortCode: '174379',
      TransactionType: 'CustomerPayBillOnline',
      Amount: 10,
      PartyA: '254708374149',
      PartyB: '174379',
      PhoneNumber: '254708374149',
      CallBackURL: 'https://merchant.example/mpesa/callback',
      AccountReference: 'INV-001',
      TransactionDesc: 'Order 1',
      Timestamp: result.timestamp,
    });
    expect(atob(body.Password as string).endsWith(result.timestamp)).toBe(true);
    expect(simulator.transaction(result.checkoutRequestId)).toMatchObject({
      amount: 10,
      phone: '254708374149',
    });
  });

  it('uses CustomerBuyGoodsOnline with PartyB = till for a till', async () => {
    const { simulator, daraja } = simulatedDaraja(
      { tillNumbers: ['5432109'] },
      { tillNumber: '5432109' },
    );
    const result = await daraja.stkPush(validPush);
    expect(simulator.transaction(result.checkoutRequestId)).toBeDefined();
  });

  it('the simulator rejects a till push sent as paybill, as Daraja does', async () => {
    const { daraja } = simulatedDaraja({ tillNumbers: [] }, { tillNumber: '5432109' });
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid PartyB',
    });
  });

  const badInputs: [string, Partial<StkPushInput> | null][] = [
    ['amount', { amount: 10.5 }],
    ['amount', { amount: 0 }],
    ['amount', { amount: 250_001 }],
    ['amount', { amount: '10' as unknown as number }],
    ['phone', { phone: '0812345678' }],
    ['phone', { phone: undefined as unknown as string }],
    ['accountReference', { accountReference: 'THIRTEEN-CHAR' }],
    ['accountReference', { accountReference: '  ' }],
    ['transactionDesc', { transactionDesc: '' }],
    ['transactionDesc', { transactionDesc: 'Fourteen chars' }],
    ['callbackUrl', { callbackUrl: 'not a url' }],
    ['callbackUrl', { callbackUrl: 'ftp://merchant.example/cb' }],
    ['(root)', null],
  ];

  it.each(badInputs)('rejects a bad %s before any network call', async (field, patch) => {
    const seen = recordRequests();
    const { daraja } = simulatedDaraja();
    const input = patch === null ? (null as unknown as StkPushInput) : { ...validPush, ...patch };
    const error = await daraja.stkPush(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DarajaValidationError', code: 'invalid_input', field });
    expect((error as Error).message).toMatch(/^@malipo\/daraja: invalid/);
    expect(seen).toEqual([]);
  });

  it('requires https callbacks in production', async () => {
    const { daraja } = simulatedDaraja({}, { environment: 'production', callbackUrl: undefined });
    await expect(
      daraja.stkPush({ ...validPush, callbackUrl: 'http://merchant.example/cb' }),
    ).rejects.toMatchObject({
      field: 'callbackUrl',
    });
  });

  it('is never retried automatically on a 5xx or a network failure', async () => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    let calls = 0;
    server.use(
      http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse('<html>Bad gateway</html>', { status: 502 })
          : HttpResponse.error();
      }),
    );
    const first = await daraja.stkPush(validPush).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DarajaApiError);
    expect(first).toMatchObject({ status: 502, bodyKind: 'html' });
    const second = await daraja.stkPush(validPush).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DarajaNetworkError);
    expect(second).toMatchObject({ code: 'network_error' });
    expect(calls).toBe(2);
  });

  it.each([
    [
      'envelope',
      HttpResponse.json(
        {
          requestId: 'abc',
          errorCode: '400.002.02',
          errorMessage: 'Bad Request - Invalid PhoneNumber',
        },
        { status: 400 },
      ),
      { bodyKind: 'envelope', errorCode: '400.002.02', requestId: 'abc', status: 400 },
    ],
    [
      'Apigee fault',
      HttpResponse.json(
        {
          fault: {
            faultstring: 'Unable to identify proxy for host: secure and url: /x',
            detail: { errorcode: 'messaging.adaptors.http.flow.ApplicationNotFound' },
          },
        },
        { status: 404 },
      ),
      {
        bodyKind: 'fault',
        errorCode: 'messaging.adaptors.http.flow.ApplicationNotFound',
        status: 404,
      },
    ],
    ['empty body', new HttpResponse(null, { status: 403 }), { bodyKind: 'empty', status: 403 }],
    [
      'HTML page',
      new HttpResponse('<html><body>Request blocked</body></html>', {
        status: 403,
        headers: { 'content-type': 'text/html' },
      }),
      { bodyKind: 'html', status: 403 },
    ],
    [
      'JSON with a text content type',
      new HttpResponse(
        '{"requestId":"q","errorCode":"500.003.03","errorMessage":"Quota Violation"}',
        { status: 500, headers: { 'content-type': 'text/plain' } },
      ),
      { bodyKind: 'envelope', errorCode: '500.003.03' },
    ],
  ])('parses an error answered as %s into DarajaApiError', async (_name, response, expected) => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    server.use(http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, () => response.clone()));
    const error = await daraja.stkPush(validPush).catch((e: unknown) => e);
    expect(isDarajaError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'DarajaApiError', code: 'api_error', ...expected });
  });

  it('turns a 200 with a non-zero ResponseCode into DarajaApiError', async () => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    server.use(
      http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, () =>
        HttpResponse.json({
          MerchantRequestID: 'm',
          CheckoutRequestID: 'c',
          ResponseCode: '1',
          ResponseDescription: 'Rejected',
        }),
      ),
    );
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      errorCode: '1',
      errorMessage: 'Rejected',
    });
  });

  it('reports a 200 that is not a push response as DarajaResponseError', async () => {
    const { daraja } = simulatedDaraja();
    await daraja.getAccessToken();
    server.use(
      http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, () =>
        HttpResponse.json({ hello: 'world' }),
      ),
    );
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      name: 'DarajaResponseError',
      code: 'invalid_response',
    });
  });

  it('times out with a typed error', async () => {
    const { daraja } = simulatedDaraja({}, { timeoutMs: 50 });
    await daraja.getAccessToken();
    server.use(
      http.post(`${baseUrl}/mpesa/stkpush/v1/processrequest`, async () => {
        await new Promise((r) => setTimeout(r, 500));
        return HttpResponse.json({});
      }),
    );
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      name: 'DarajaNetworkError',
      code: 'timeout',
    });
  });

  it('the simulator catches a UTC timestamp, the most common Daraja bug', async () => {
    // A client whose clock reads 3 h behind Kenyan time sends what a UTC formatter would.
    const { daraja } = simulatedDaraja({}, { now: () => Date.now() - 3 * 3_600_000 });
    await expect(daraja.stkPush(validPush)).rejects.toMatchObject({
      errorMessage: 'Bad Request - Invalid Timestamp',
    });
  });
});

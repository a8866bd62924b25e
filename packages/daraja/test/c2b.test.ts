import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  acceptC2bValidation,
  acknowledgeC2bConfirmation,
  type C2bRejectionCode,
  DarajaCallbackError,
  parseC2bRequest,
  type RegisterC2bUrlsInput,
  rejectC2bValidation,
} from '../src/index.js';
import { capturedPayloads } from '../src/testing/index.js';
import { confirmationUrl, inProcessDaraja, validationUrl } from './support/in-process-daraja.js';
import { baseUrl, server, simulatedDaraja } from './support/simulated-daraja.js';

const registration: RegisterC2bUrlsInput = {
  confirmationUrl,
  validationUrl,
  responseType: 'Completed',
};

describe('parseC2bRequest', () => {
  it('parses a v2 validation: masked MSISDN kept, blank balance absent', () => {
    expect(parseC2bRequest(capturedPayloads.c2bValidation)).toEqual({
      transactionType: 'Pay Bill',
      transactionId: 'RKTQDM7W6S',
      transactedAt: '2019-11-22T06:38:45+03:00',
      amountCents: 1_000,
      businessShortCode: '600638',
      billRefNumber: 'invoice008',
      invoiceNumber: undefined,
      orgAccountBalanceCents: undefined,
      thirdPartyTransId: undefined,
      msisdn: '2547 ***** 126',
      firstName: 'John',
      middleName: undefined,
      lastName: 'Doe',
      raw: capturedPayloads.c2bValidation,
    });
  });

  it('parses a confirmation from JSON text, with the balance in cents', () => {
    expect(parseC2bRequest(JSON.stringify(capturedPayloads.c2bConfirmation))).toMatchObject({
      amountCents: 500,
      orgAccountBalanceCents: 4_919_700,
      thirdPartyTransId: '1234567890',
    });
  });

  it('accepts numbers where Daraja may send them', () => {
    const body = {
      ...capturedPayloads.c2bConfirmation,
      TransAmount: 5,
      BusinessShortCode: 600638,
      TransTime: 20191122063845,
    };
    expect(parseC2bRequest(body)).toMatchObject({
      amountCents: 500,
      businessShortCode: '600638',
      transactedAt: '2019-11-22T06:38:45+03:00',
    });
  });

  it.each([
    ['(body)', '{'],
    ['(body)', '"text"'],
    ['TransID', { ...capturedPayloads.c2bConfirmation, TransID: '' }],
    ['TransTime', { ...capturedPayloads.c2bConfirmation, TransTime: '2019-11-22' }],
    ['TransAmount', { ...capturedPayloads.c2bConfirmation, TransAmount: '0.00' }],
    ['TransAmount', { ...capturedPayloads.c2bConfirmation, TransAmount: 'ten' }],
    ['OrgAccountBalance', { ...capturedPayloads.c2bConfirmation, OrgAccountBalance: 'n/a' }],
    ['MSISDN', { ...capturedPayloads.c2bConfirmation, MSISDN: undefined }],
  ])('rejects a malformed body naming %s', (field, body) => {
    const error = (() => {
      try {
        parseC2bRequest(body);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DarajaCallbackError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(/not a valid C2B request/);
  });
});

describe('C2B answers', () => {
  it('accepts, optionally with a ThirdPartyTransID', async () => {
    expect(await acceptC2bValidation().json()).toEqual({ ResultCode: '0', ResultDesc: 'Accepted' });
    expect(await acceptC2bValidation('order-42').json()).toEqual({
      ResultCode: '0',
      ResultDesc: 'Accepted',
      ThirdPartyTransID: 'order-42',
    });
  });

  it('rejects with a documented code only', async () => {
    const response = rejectC2bValidation('C2B00012');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ResultCode: 'C2B00012', ResultDesc: 'Rejected' });
    expect(() => rejectC2bValidation('C2B00099' as C2bRejectionCode)).toThrow(
      expect.objectContaining({ name: 'DarajaValidationError', field: 'code' }),
    );
  });

  it('acknowledges a confirmation', async () => {
    expect(await acknowledgeC2bConfirmation().json()).toEqual({
      ResultCode: 0,
      ResultDesc: 'Success',
    });
  });
});

describe('registerC2bUrls and C2B simulation', () => {
  it('registers against the simulator, reading the OriginatorCoversationID typo', async () => {
    const { daraja, simulator } = inProcessDaraja();
    const registered = await daraja.registerC2bUrls(registration);
    expect(registered).toMatchObject({ responseCode: '0', responseDescription: 'Success' });
    expect(registered.originatorConversationId).not.toBe('');
    expect(simulator.stats.c2bRegisterRequests).toBe(1);
  });

  it.each([
    ['responseType', { responseType: 'completed' as 'Completed' }],
    ['responseType', { responseType: 'Canceled' as 'Cancelled' }],
    ['confirmationUrl', { confirmationUrl: 'https://shop.example/mpesa/confirm' }],
    ['validationUrl', { validationUrl: 'https://shop.example/SQL/validate' }],
    ['validationUrl', { validationUrl: 'not a url' }],
    ['shortcode', { shortcode: '12' }],
  ] as const)('rejects a bad %s before any network call', async (field, patch) => {
    const { daraja, simulator } = inProcessDaraja();
    await expect(daraja.registerC2bUrls({ ...registration, ...patch })).rejects.toMatchObject({
      name: 'DarajaValidationError',
      field,
    });
    expect(simulator.stats.c2bRegisterRequests).toBe(0);
  });

  const simulate = async (
    simulator: ReturnType<typeof inProcessDaraja>['simulator'],
    token: string,
    body: Record<string, unknown>,
  ) =>
    simulator.handle(
      new Request('https://daraja.simulator/mpesa/c2b/v2/simulate', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          ShortCode: '174379',
          CommandID: 'CustomerPayBillOnline',
          Amount: 250,
          Msisdn: '254708374149',
          BillRefNumber: 'INV-7',
          ...body,
        }),
      }),
    );

  it('a simulated payment calls validation, then confirmation with the balance', async () => {
    const { daraja, simulator, received } = inProcessDaraja({}, {}, () =>
      acceptC2bValidation('order-7'),
    );
    await daraja.registerC2bUrls(registration);
    const answer = await simulate(simulator, await daraja.getAccessToken(), {});
    expect(await answer.json()).toMatchObject({ ResponseCode: '0' });
    await simulator.flush();
    expect(received.map((r) => r.url)).toEqual([validationUrl, confirmationUrl]);
    const validation = parseC2bRequest(received[0]!.body);
    const confirmation = parseC2bRequest(received[1]!.body);
    expect(validation).toMatchObject({
      transactionType: 'Pay Bill',
      amountCents: 25_000,
      billRefNumber: 'INV-7',
      msisdn: '2547 ***** 149',
      orgAccountBalanceCents: undefined,
    });
    expect(confirmation).toMatchObject({
      transactionId: validation.transactionId,
      orgAccountBalanceCents: 25_000,
      thirdPartyTransId: 'order-7',
    });
    expect(simulator.c2bPayments()[0]).toMatchObject({ status: 'completed', amount: 250 });
    // The receipt is a real transaction now: it can be reversed.
    await daraja.reverseTransaction({
      transactionId: validation.transactionId,
      amount: 250,
      remarks: 'Refund',
    });
    await simulator.flush();
    expect(received.at(-1)?.body).toMatchObject({ Result: { ResultCode: 0 } });
  });

  it('a rejected validation gets no confirmation', async () => {
    const { daraja, simulator, received } = inProcessDaraja({}, {}, () =>
      rejectC2bValidation('C2B00012'),
    );
    await daraja.registerC2bUrls(registration);
    await simulate(simulator, await daraja.getAccessToken(), {});
    await simulator.flush();
    expect(received.map((r) => r.url)).toEqual([validationUrl]);
    expect(simulator.c2bPayments()[0]?.status).toBe('rejected');
  });

  it('an unanswered validation follows the registered ResponseType', async () => {
    const broken = () => new Response('oops', { status: 500 });
    const completed = inProcessDaraja({}, {}, broken);
    await completed.daraja.registerC2bUrls(registration);
    await simulate(completed.simulator, await completed.daraja.getAccessToken(), {});
    await completed.simulator.flush();
    expect(completed.simulator.c2bPayments()[0]?.status).toBe('completed');

    const cancelled = inProcessDaraja({}, {}, broken);
    await cancelled.daraja.registerC2bUrls({ ...registration, responseType: 'Cancelled' });
    await simulate(cancelled.simulator, await cancelled.daraja.getAccessToken(), {});
    await cancelled.simulator.flush();
    expect(cancelled.simulator.c2bPayments()[0]?.status).toBe('cancelled');
    expect(cancelled.received.map((r) => r.url)).toEqual([validationUrl]);
  });

  it('without registered URLs a simulation is accepted and nothing is posted', async () => {
    const { daraja, simulator, received } = inProcessDaraja();
    const answer = await simulate(simulator, await daraja.getAccessToken(), {});
    expect(answer.status).toBe(200);
    await simulator.flush();
    expect(received).toEqual([]);
    expect(simulator.c2bPayments()[0]?.status).toBe('unregistered');
  });

  it('checks a simulation as Daraja does', async () => {
    const { daraja, simulator } = inProcessDaraja();
    const token = await daraja.getAccessToken();
    const bad = await simulate(simulator, token, { Msisdn: '0708374149' });
    expect(await bad.json()).toMatchObject({ errorMessage: 'Bad Request - Invalid Msisdn' });
    const stale = await simulate(simulator, 'stale', {});
    expect(await stale.json()).toMatchObject({ errorCode: '400.003.01' });
    expect(simulator.stats.c2bSimulateRequests).toBe(2);
  });
});

describe('registerC2bUrls through msw', () => {
  const path = `${baseUrl}/mpesa/c2b/v2/registerurl`;

  it('accepts the documented answer and the correctly spelled field', async () => {
    const { daraja } = simulatedDaraja();
    server.use(
      http.post(path, () =>
        HttpResponse.json({
          OriginatorCoversationID: '7619-37765134-1',
          ResponseCode: '0',
          ResponseDescription: 'Success',
        }),
      ),
    );
    expect(await daraja.registerC2bUrls(registration)).toMatchObject({
      originatorConversationId: '7619-37765134-1',
    });
    server.use(
      http.post(path, () =>
        HttpResponse.json({ OriginatorConversationID: 'fixed-1', ResponseCode: 0 }),
      ),
    );
    expect(await daraja.registerC2bUrls(registration)).toMatchObject({
      originatorConversationId: 'fixed-1',
      responseDescription: '',
    });
  });

  it('reports "already registered" as a DarajaApiError, without retrying', async () => {
    const { daraja } = simulatedDaraja();
    let calls = 0;
    server.use(
      http.post(path, () => {
        calls++;
        return HttpResponse.json(
          {
            requestId: '11728-2929992-1',
            errorCode: '500.003.1001',
            errorMessage: 'Urls are already registered',
          },
          { status: 500 },
        );
      }),
    );
    await expect(daraja.registerC2bUrls(registration)).rejects.toMatchObject({
      name: 'DarajaApiError',
      errorCode: '500.003.1001',
    });
    expect(calls).toBe(1);
  });

  it('refreshes the token once on 401.003.01', async () => {
    const { daraja, simulator } = simulatedDaraja();
    let calls = 0;
    server.use(
      http.post(path, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { requestId: 'r', errorCode: '401.003.01', errorMessage: 'Invalid Access Token' },
              { status: 401 },
            )
          : HttpResponse.json({ OriginatorCoversationID: 'x', ResponseCode: '0' });
      }),
    );
    await expect(daraja.registerC2bUrls(registration)).resolves.toMatchObject({
      responseCode: '0',
    });
    expect(calls).toBe(2);
    expect(simulator.stats.oauthRequests).toBe(2);
  });
});

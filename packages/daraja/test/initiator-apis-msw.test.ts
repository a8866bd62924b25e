import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { DarajaApiError, parseDarajaResult, readB2cResult } from '../src/index.js';
import { initiator } from './support/in-process-daraja.js';
import { baseUrl, server, simulatedDaraja } from './support/simulated-daraja.js';

const resultUrl = 'https://merchant.example/daraja/result';
const withInitiator = { initiator, resultUrl };
const payout = { amount: 100, phone: '0708374149', remarks: 'Payout 1' };

const paths = {
  b2c: `${baseUrl}/mpesa/b2c/v3/paymentrequest`,
  reversal: `${baseUrl}/mpesa/reversal/v1/request`,
  status: `${baseUrl}/mpesa/transactionstatus/v1/query`,
  balance: `${baseUrl}/mpesa/accountbalance/v1/query`,
};

// The synchronous answers in the Daraja docs' shape.
const accepted = {
  ConversationID: 'AG_20191219_00005797af5d7d75f652',
  OriginatorConversationID: '16740-34861180-1',
  ResponseCode: '0',
  ResponseDescription: 'Accept the service request successfully.',
};

type Client = ReturnType<typeof simulatedDaraja>['daraja'];
const calls: [string, keyof typeof paths, (d: Client) => Promise<unknown>][] = [
  ['b2cPayment', 'b2c', (d) => d.b2cPayment(payout)],
  [
    'reverseTransaction',
    'reversal',
    (d) => d.reverseTransaction({ transactionId: 'NLJ7RT61SV', amount: 100, remarks: 'Refund' }),
  ],
  ['transactionStatus', 'status', (d) => d.transactionStatus({ transactionId: 'NLJ7RT61SV' })],
  ['accountBalance', 'balance', (d) => d.accountBalance()],
];

describe('initiator APIs through msw (the sandbox URL)', () => {
  it('a B2C payment via the simulator behind msw posts its result to the merchant', async () => {
    const received: unknown[] = [];
    server.use(
      http.post(resultUrl, async ({ request }) => {
        received.push(await request.json());
        return HttpResponse.json({ ResultCode: 0, ResultDesc: 'Accepted' });
      }),
    );
    const { daraja, simulator } = simulatedDaraja(
      { initiator, callbackDelayMs: 60_000 },
      withInitiator,
    );
    const answer = await daraja.b2cPayment(payout);
    await simulator.flush();
    const result = parseDarajaResult(received[0]);
    expect(result.conversationId).toBe(answer.conversationId);
    expect(readB2cResult(result).amountCents).toBe(10_000);
    expect(simulator.asyncRequest(answer.conversationId)?.deliveries[0]?.status).toBe(200);
  });

  it.each(calls)('%s reads the documented acceptance', async (_name, path, run) => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    server.use(http.post(paths[path], () => HttpResponse.json(accepted)));
    await expect(run(daraja)).resolves.toEqual({
      conversationId: 'AG_20191219_00005797af5d7d75f652',
      originatorConversationId: '16740-34861180-1',
      responseCode: '0',
      responseDescription: 'Accept the service request successfully.',
      raw: accepted,
    });
  });

  it.each(calls)('%s turns a non-zero ResponseCode into DarajaApiError', async (_n, path, run) => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    server.use(
      http.post(paths[path], () =>
        HttpResponse.json({ ...accepted, ResponseCode: '1', ResponseDescription: 'Rejected' }),
      ),
    );
    await expect(run(daraja)).rejects.toMatchObject({
      name: 'DarajaApiError',
      status: 200,
      errorCode: '1',
      errorMessage: 'Rejected',
      requestId: '16740-34861180-1',
    });
  });

  it.each(calls)('%s reports an accepted answer without ConversationID', async (_n, path, run) => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    server.use(http.post(paths[path], () => HttpResponse.json({ ResponseCode: '0' })));
    await expect(run(daraja)).rejects.toMatchObject({ name: 'DarajaResponseError' });
  });

  it('reads Daraja’s field errors, e.g. a missing InitiatorName', async () => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    server.use(
      http.post(paths.b2c, () =>
        HttpResponse.json(
          {
            requestId: '11728-2929992-1',
            errorCode: '400.002.02',
            errorMessage: 'Bad Request - Invalid InitiatorName',
          },
          { status: 400 },
        ),
      ),
    );
    await expect(daraja.b2cPayment(payout)).rejects.toMatchObject({
      status: 400,
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid InitiatorName',
      bodyKind: 'envelope',
    });
  });

  it.each([
    ['b2cPayment', 'b2c', '401.002.01', 401],
    ['reverseTransaction', 'reversal', '401.002.01', 401],
    ['accountBalance', 'balance', '401.002.01', 401],
    ['transactionStatus', 'status', '400.003.01', 400],
  ] as const)(
    '%s refreshes the token once on %s then succeeds',
    async (name, path, errorCode, status) => {
      const { daraja, simulator } = simulatedDaraja({}, withInitiator);
      let hits = 0;
      server.use(
        http.post(paths[path], () => {
          hits++;
          return hits === 1
            ? HttpResponse.json(
                { requestId: 'r-1', errorCode, errorMessage: 'Invalid Access Token' },
                { status },
              )
            : HttpResponse.json(accepted);
        }),
      );
      const run = calls.find(([n]) => n === name)![2];
      await expect(run(daraja)).resolves.toMatchObject({ responseCode: '0' });
      expect(hits).toBe(2);
      expect(simulator.stats.oauthRequests).toBe(2);
    },
  );

  it('a duplicate OriginatorConversationID (HTTP 500) is not retried', async () => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    let hits = 0;
    server.use(
      http.post(paths.b2c, () => {
        hits++;
        return HttpResponse.json(
          {
            requestId: 'r',
            errorCode: '500.002.1001',
            errorMessage: 'Duplicate OriginatorConversationID',
          },
          { status: 500 },
        );
      }),
    );
    const error = await daraja.b2cPayment(payout).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DarajaApiError);
    expect(error).toMatchObject({ errorCode: '500.002.1001' });
    expect(hits).toBe(1);
  });

  it('money moves are not retried on a network error; reads are', async () => {
    const { daraja } = simulatedDaraja({}, withInitiator);
    await daraja.getAccessToken();
    const hits: Record<string, number> = {};
    for (const [key, url] of Object.entries(paths)) {
      server.use(
        http.post(url, () => {
          hits[key] = (hits[key] ?? 0) + 1;
          return hits[key] === 1 ? HttpResponse.error() : HttpResponse.json(accepted);
        }),
      );
    }
    for (const [, , run] of calls) await run(daraja).catch(() => undefined);
    expect(hits).toEqual({ b2c: 1, reversal: 1, status: 2, balance: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  type B2cPaymentInput,
  DarajaApiError,
  type ReversalInput,
  type TransactionStatusInput,
} from '../src/index.js';
import {
  initiator,
  inProcessDaraja,
  queueTimeoutUrl,
  resultUrl,
} from './support/in-process-daraja.js';

const validB2c: B2cPaymentInput = {
  amount: 500,
  phone: '0708374149',
  remarks: 'Refund order 42',
};

describe('initiator APIs against the simulator', () => {
  it('b2cPayment sends the documented body and is accepted', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { daraja, simulator } = inProcessDaraja(
      {},
      {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.url.endsWith('/paymentrequest')) bodies.push(await request.clone().json());
          return simulator.handle(request);
        },
      },
    );
    const accepted = await daraja.b2cPayment({
      ...validB2c,
      phone: '+254 708 374 149',
      occasion: 'Order 42',
      originatorConversationId: 'payout-42',
    });
    expect(accepted).toMatchObject({
      originatorConversationId: 'payout-42',
      responseCode: '0',
      responseDescription: 'Accept the service request successfully.',
    });
    expect(accepted.conversationId).toMatch(/^AG_\d{8}_[0-9a-f]{20}$/);
    expect(bodies[0]).toEqual({
      OriginatorConversationID: 'payout-42',
      InitiatorName: 'testapi',
      SecurityCredential: initiator.securityCredential,
      CommandID: 'BusinessPayment',
      Amount: 500,
      PartyA: '174379',
      PartyB: '254708374149',
      Remarks: 'Refund order 42',
      QueueTimeOutURL: queueTimeoutUrl,
      ResultURL: resultUrl,
      Occassion: 'Order 42',
    });
    expect(simulator.asyncRequest('payout-42')).toMatchObject({ kind: 'b2c', amount: 500 });
  });

  it('b2cPayment defaults the OriginatorConversationID to a random UUID', async () => {
    const { daraja } = inProcessDaraja();
    const a = await daraja.b2cPayment(validB2c);
    const b = await daraja.b2cPayment(validB2c);
    expect(a.originatorConversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.originatorConversationId).not.toBe(b.originatorConversationId);
  });

  it('uses b2cShortcode as PartyA when set', async () => {
    const { daraja, simulator } = inProcessDaraja(
      { b2cShortcode: '600000' },
      { b2cShortcode: '600000' },
    );
    await daraja.b2cPayment(validB2c);
    await daraja.accountBalance();
    expect(simulator.asyncRequests()).toHaveLength(2);
    const wrong = inProcessDaraja({ b2cShortcode: '600000' });
    await expect(wrong.daraja.b2cPayment(validB2c)).rejects.toMatchObject({
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid PartyA',
    });
  });

  it('a repeated OriginatorConversationID is refused with 500.002.1001', async () => {
    const { daraja } = inProcessDaraja();
    await daraja.b2cPayment({ ...validB2c, originatorConversationId: 'once' });
    await expect(
      daraja.b2cPayment({ ...validB2c, originatorConversationId: 'once' }),
    ).rejects.toMatchObject({ status: 500, errorCode: '500.002.1001' });
  });

  const badB2c: [string, Partial<B2cPaymentInput> | null][] = [
    ['amount', { amount: 9 }],
    ['amount', { amount: 250_001 }],
    ['amount', { amount: 100.5 }],
    ['phone', { phone: '0812345678' }],
    ['remarks', { remarks: 'x' }],
    ['remarks', { remarks: 'x'.repeat(101) }],
    ['commandId', { commandId: 'BusinessBuyGoods' as 'BusinessPayment' }],
    ['occasion', { occasion: 'x'.repeat(101) }],
    ['originatorConversationId', { originatorConversationId: ' ' }],
    ['resultUrl', { resultUrl: 'not a url' }],
    ['queueTimeoutUrl', { queueTimeoutUrl: 'ftp://merchant.example/t' }],
    ['(root)', null],
  ];

  it.each(badB2c)('b2cPayment rejects a bad %s before any network call', async (field, patch) => {
    const { daraja, simulator } = inProcessDaraja();
    const input = patch === null ? (null as unknown as B2cPaymentInput) : { ...validB2c, ...patch };
    await expect(daraja.b2cPayment(input)).rejects.toMatchObject({
      name: 'DarajaValidationError',
      field,
    });
    expect(simulator.stats.oauthRequests + simulator.stats.b2cRequests).toBe(0);
  });

  it('needs a result URL from the call or the client', async () => {
    const { daraja } = inProcessDaraja({}, { resultUrl: undefined, queueTimeoutUrl: undefined });
    await expect(daraja.accountBalance()).rejects.toMatchObject({ field: 'resultUrl' });
    const accepted = await daraja.accountBalance({ resultUrl });
    expect(accepted.responseCode).toBe('0');
  });

  it.each([
    ['b2cPayment', (d: ReturnType<typeof inProcessDaraja>['daraja']) => d.b2cPayment(validB2c)],
    [
      'reverseTransaction',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
        d.reverseTransaction({ transactionId: 'NLJ7RT61SV', amount: 1, remarks: 'Refund' }),
    ],
    [
      'transactionStatus',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
        d.transactionStatus({ transactionId: 'NLJ7RT61SV' }),
    ],
    ['accountBalance', (d: ReturnType<typeof inProcessDaraja>['daraja']) => d.accountBalance()],
  ])('%s without an initiator is a config error saying how to set it', async (call, run) => {
    const { daraja, simulator } = inProcessDaraja({}, { initiator: undefined });
    const error = await run(daraja).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DarajaConfigError', field: 'initiator' });
    expect((error as Error).message).toContain(`${call}()`);
    expect((error as Error).message).toContain('createSecurityCredential');
    expect(simulator.stats.oauthRequests).toBe(0);
  });

  it('reverseTransaction sends the misspelled RecieverIdentifierType Daraja requires', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { daraja, simulator } = inProcessDaraja(
      {},
      {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.url.endsWith('/reversal/v1/request'))
            bodies.push(await request.clone().json());
          return simulator.handle(request);
        },
      },
    );
    const accepted = await daraja.reverseTransaction({
      transactionId: 'nlj7rt61sv',
      amount: 100,
      remarks: 'Refund order 42',
    });
    expect(accepted.originatorConversationId).toMatch(/^\d+-\d+-1$/);
    expect(bodies[0]).toEqual({
      Initiator: 'testapi',
      SecurityCredential: initiator.securityCredential,
      CommandID: 'TransactionReversal',
      TransactionID: 'NLJ7RT61SV',
      Amount: 100,
      ReceiverParty: '174379',
      RecieverIdentifierType: '11',
      ResultURL: resultUrl,
      QueueTimeOutURL: queueTimeoutUrl,
      Remarks: 'Refund order 42',
    });
  });

  const badReversal: [string, Partial<ReversalInput>][] = [
    ['transactionId', { transactionId: 'NOT A RECEIPT' }],
    ['amount', { amount: 0 }],
    ['remarks', { remarks: '' }],
    ['receiverParty', { receiverParty: 'shop' }],
  ];
  it.each(badReversal)('reverseTransaction rejects a bad %s', async (field, patch) => {
    const { daraja } = inProcessDaraja();
    await expect(
      daraja.reverseTransaction({
        transactionId: 'NLJ7RT61SV',
        amount: 100,
        remarks: 'Refund',
        ...patch,
      }),
    ).rejects.toMatchObject({ name: 'DarajaValidationError', field });
  });

  it('transactionStatus sends CommandID/TransactionID (not the docs sample spellings)', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { daraja, simulator } = inProcessDaraja(
      {},
      {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.url.endsWith('/transactionstatus/v1/query')) {
            bodies.push(await request.clone().json());
          }
          return simulator.handle(request);
        },
      },
    );
    await daraja.transactionStatus({ transactionId: 'NLJ7RT61SV' });
    await daraja.transactionStatus({
      originalConversationId: 'payout-42',
      identifierType: 'msisdn',
      partyA: '0708374149',
    });
    expect(bodies[0]).toMatchObject({
      Initiator: 'testapi',
      CommandID: 'TransactionStatusQuery',
      TransactionID: 'NLJ7RT61SV',
      PartyA: '174379',
      IdentifierType: '4',
      Remarks: 'Transaction status query',
    });
    expect(bodies[0]).not.toHaveProperty('OriginalConversationID');
    expect(bodies[1]).toMatchObject({
      OriginalConversationID: 'payout-42',
      PartyA: '254708374149',
      IdentifierType: '1',
    });
  });

  const badStatus: [string, TransactionStatusInput][] = [
    ['transactionId', {}],
    ['transactionId', { transactionId: 'NLJ7RT61SV', originalConversationId: 'x' }],
    ['transactionId', { transactionId: 'a b' }],
    ['identifierType', { transactionId: 'NLJ7RT61SV', identifierType: 'paybill' as 'till' }],
    ['partyA', { transactionId: 'NLJ7RT61SV', identifierType: 'msisdn' }],
    ['partyA', { transactionId: 'NLJ7RT61SV', identifierType: 'till' }],
  ];
  it.each(badStatus)('transactionStatus rejects a bad %s', async (field, input) => {
    const { daraja } = inProcessDaraja();
    await expect(daraja.transactionStatus(input)).rejects.toMatchObject({
      name: 'DarajaValidationError',
      field,
    });
  });

  it('accountBalance queries the B2C shortcode with IdentifierType 4', async () => {
    const { daraja, simulator } = inProcessDaraja();
    const accepted = await daraja.accountBalance({ remarks: 'Daily check' });
    expect(simulator.asyncRequest(accepted.conversationId)).toMatchObject({
      kind: 'account_balance',
    });
    await expect(daraja.accountBalance({ remarks: 'x' })).rejects.toMatchObject({
      field: 'remarks',
    });
  });

  it.each([
    [
      'b2cPayment',
      'b2c',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) => d.b2cPayment(validB2c),
    ],
    [
      'reverseTransaction',
      'reversal',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
        d.reverseTransaction({ transactionId: 'NLJ7RT61SV', amount: 1, remarks: 'Refund' }),
    ],
    [
      'transactionStatus',
      'transactionstatus',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
        d.transactionStatus({ transactionId: 'NLJ7RT61SV' }),
    ],
    [
      'accountBalance',
      'accountbalance',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) => d.accountBalance(),
    ],
    [
      'registerC2bUrls',
      'c2bregister',
      (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
        d.registerC2bUrls({
          confirmationUrl: 'https://merchant.example/c2b/confirmation',
          validationUrl: 'https://merchant.example/c2b/validation',
          responseType: 'Completed',
        }),
    ],
  ] as const)(
    '%s refreshes a revoked token once and retries once (its own invalid-token code)',
    async (_call, _endpoint, run) => {
      const { daraja, simulator, oauthFetches } = inProcessDaraja();
      await daraja.getAccessToken();
      simulator.revokeTokens();
      await expect(run(daraja)).resolves.toMatchObject({ responseCode: '0' });
      expect(oauthFetches()).toBe(2);
    },
  );

  it('answers a bad bearer with each product’s own code', async () => {
    const { simulator } = inProcessDaraja();
    const codes: Record<string, [number, string]> = {
      '/mpesa/b2c/v3/paymentrequest': [401, '401.002.01'],
      '/mpesa/reversal/v1/request': [401, '401.002.01'],
      '/mpesa/accountbalance/v1/query': [401, '401.002.01'],
      '/mpesa/transactionstatus/v1/query': [400, '400.003.01'],
      '/mpesa/c2b/v2/registerurl': [401, '401.003.01'],
      '/mpesa/c2b/v2/simulate': [400, '400.003.01'],
    };
    for (const [path, [status, errorCode]] of Object.entries(codes)) {
      const response = await simulator.handle(
        new Request(`https://daraja.simulator${path}`, {
          method: 'POST',
          headers: { authorization: 'Bearer stale', 'content-type': 'application/json' },
          body: '{}',
        }),
      );
      expect(response.status, path).toBe(status);
      expect(await response.json(), path).toMatchObject({ errorCode });
    }
  });

  it('never retries a B2C payment or a reversal on a 503; retries status and balance', async () => {
    const { daraja, simulator } = inProcessDaraja();
    await daraja.getAccessToken();
    for (const endpoint of ['b2c', 'reversal', 'transactionstatus', 'accountbalance'] as const) {
      simulator.failNext({ endpoint, status: 503, body: '<html>Service Unavailable</html>' });
    }
    const payout = await daraja.b2cPayment(validB2c).catch((e: unknown) => e);
    expect(payout).toBeInstanceOf(DarajaApiError);
    expect(payout).toMatchObject({ status: 503, bodyKind: 'html' });
    const reversal = await daraja
      .reverseTransaction({ transactionId: 'NLJ7RT61SV', amount: 1, remarks: 'Refund' })
      .catch((e: unknown) => e);
    expect(reversal).toMatchObject({ status: 503 });
    await expect(daraja.transactionStatus({ transactionId: 'NLJ7RT61SV' })).resolves.toMatchObject({
      responseCode: '0',
    });
    await expect(daraja.accountBalance()).resolves.toMatchObject({ responseCode: '0' });
    expect(simulator.stats).toMatchObject({
      b2cRequests: 1,
      reversalRequests: 1,
      transactionStatusRequests: 2,
      accountBalanceRequests: 2,
    });
  });

  it('refuses result URLs that allowCallbackUrl refuses, in Daraja’s words', async () => {
    const { daraja } = inProcessDaraja({ allowCallbackUrl: (url) => url === resultUrl });
    await expect(daraja.b2cPayment(validB2c)).rejects.toMatchObject({
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid QueueTimeOutURL',
    });
    await expect(
      daraja.accountBalance({ resultUrl: 'http://127.0.0.1:1/x', queueTimeoutUrl: resultUrl }),
    ).rejects.toMatchObject({ errorMessage: 'Bad Request - Invalid ResultURL' });
  });

  it('keeps at most maxTransactions requests, then throttles', async () => {
    const { daraja, simulator } = inProcessDaraja({ maxTransactions: 2 });
    const first = await daraja.accountBalance();
    await simulator.flush();
    await daraja.accountBalance();
    await daraja.accountBalance();
    expect(simulator.asyncRequest(first.conversationId)).toBeUndefined();
    await expect(daraja.accountBalance()).rejects.toMatchObject({ status: 429 });
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  acknowledgeResult,
  DarajaCallbackError,
  type DarajaResult,
  parseDarajaResult,
  readAccountBalanceResult,
  readB2cResult,
  readReversalResult,
  readTransactionStatusResult,
  resultAcknowledgement,
} from '../src/index.js';
import { toCents } from '../src/money/cents.js';
import { capturedPayloads } from '../src/testing/index.js';
import { resultTimeToIso } from '../src/time/result-time.js';

const resultPayloads = [
  'b2cResultSuccess',
  'b2cResultInitiatorInvalid',
  'b2cResultInsufficientFunds',
  'resultSingleParameter',
  'accountBalanceResult',
  'transactionStatusResult',
  'transactionStatusInvalidParty',
  'reversalResult',
  'reversalAlreadyReversed',
  'queueTimeout',
] as const;

describe('parseDarajaResult', () => {
  it.each(resultPayloads)('parses the captured %s, as an object and as JSON text', (name) => {
    const body = capturedPayloads[name];
    const result = parseDarajaResult(body);
    expect(parseDarajaResult(JSON.stringify(body))).toEqual(result);
    expect(parseDarajaResult(new TextEncoder().encode(JSON.stringify(body)))).toEqual(result);
    expect(result.resultCode).toBe(String(body.Result.ResultCode));
    expect(result.status).toBe(result.resultCode === '0' ? 'completed' : 'failed');
    expect(result.customerMessage).toMatch(/\.$/);
    expect(result.raw).toEqual(body);
  });

  it('reads a B2C success by key, amounts in cents, the day-first time as ISO', () => {
    const result = parseDarajaResult(capturedPayloads.b2cResultSuccess);
    expect(result).toMatchObject({
      resultType: '0',
      resultCode: '0',
      status: 'completed',
      category: 'success',
      conversationId: 'AG_20191219_00004e48cf7e3533f581',
      originatorConversationId: '10571-7910404-1',
      transactionId: 'NLJ41HAY6Q',
    });
    expect(result.referenceData).toEqual({
      QueueTimeoutURL: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
    });
    expect(readB2cResult(result)).toEqual({
      amountCents: 1_000,
      receipt: 'NLJ41HAY6Q',
      receiverName: 'John Doe',
      receiverPhone: '254708374149',
      completedAt: '2019-12-19T11:45:50+03:00',
      recipientRegistered: true,
      utilityBalanceCents: 1_011_600,
      workingBalanceCents: 90_000_000,
      chargesPaidBalanceCents: -451_000,
    });
  });

  it('failures without ResultParameters read as empty', () => {
    const result = parseDarajaResult(capturedPayloads.b2cResultInitiatorInvalid);
    expect(result).toMatchObject({
      status: 'failed',
      resultCode: '2001',
      category: 'merchant_configuration',
      parameters: {},
    });
    expect(readB2cResult(result)).toEqual({
      amountCents: undefined,
      receipt: undefined,
      receiverName: undefined,
      receiverPhone: undefined,
      completedAt: undefined,
      recipientRegistered: undefined,
      utilityBalanceCents: undefined,
      workingBalanceCents: undefined,
      chargesPaidBalanceCents: undefined,
    });
  });

  it('a single-object ResultParameter is one item, fields in any order', () => {
    const result = parseDarajaResult(capturedPayloads.resultSingleParameter);
    expect(result.parameters).toEqual({ BOCompletedTime: 20200625232427 });
    expect(readAccountBalanceResult(result)).toEqual({
      accounts: [],
      completedAt: '2020-06-25T23:24:27+03:00',
    });
  });

  it('string ResultType and ResultCode are the same as numbers', () => {
    const strings = parseDarajaResult(capturedPayloads.accountBalanceResult);
    const numbers = structuredClone(capturedPayloads.accountBalanceResult) as unknown as {
      Result: Record<string, unknown>;
    };
    numbers.Result.ResultType = 0;
    numbers.Result.ResultCode = 0;
    const parsed = parseDarajaResult(numbers);
    expect({ ...parsed, raw: undefined }).toEqual({ ...strings, raw: undefined });
  });

  it('reads the account balance string into cents per account, negatives included', () => {
    const { accounts, completedAt } = readAccountBalanceResult(
      parseDarajaResult(capturedPayloads.accountBalanceResult),
    );
    expect(completedAt).toBe('2020-01-09T12:57:10+03:00');
    expect(accounts).toHaveLength(5);
    expect(accounts[0]).toEqual({
      name: 'Working Account',
      currency: 'KES',
      currentCents: 70_000_000,
      availableCents: 70_000_000,
      reservedCents: 0,
      unclearedCents: 0,
    });
    expect(accounts[3]).toMatchObject({ name: 'Charges Paid Account', availableCents: -154_000 });
  });

  it('reads a transaction status result; a repeated key keeps its first value', () => {
    const result = parseDarajaResult(capturedPayloads.transactionStatusResult);
    expect(result.parameters).not.toHaveProperty('TransactionReason');
    expect(result.referenceData).toEqual({});
    expect(readTransactionStatusResult(result)).toEqual({
      transactionStatus: 'Completed',
      receipt: 'SEI21H4JPN',
      amountCents: 1_000,
      reasonType: 'Business Payment to Customer via API',
      debitPartyName: '600310 - Safaricom333',
      creditPartyName: undefined,
      debitAccountType: 'Utility Account',
      initiatedAt: '2021-07-09T09:38:12+03:00',
      finalisedAt: '2021-07-09T09:38:12+03:00',
      originatorConversationId: '1236-7134259-1',
    });
  });

  it('reads string codes such as SFC_IC0003 and R000001', () => {
    expect(parseDarajaResult(capturedPayloads.transactionStatusInvalidParty)).toMatchObject({
      resultCode: 'SFC_IC0003',
      category: 'merchant_configuration',
      status: 'failed',
    });
    expect(parseDarajaResult(capturedPayloads.reversalAlreadyReversed)).toMatchObject({
      resultCode: 'R000001',
      category: 'invalid_request',
    });
  });

  it('reads a reversal result', () => {
    const result = parseDarajaResult(capturedPayloads.reversalResult);
    expect(result.transactionId).toBe('MJ561H6X5O');
    expect(readReversalResult(result)).toEqual({
      originalTransactionId: 'MJ551H6X5D',
      amountCents: 10_000,
      chargeCents: 0,
      completedAt: '2018-10-05T15:32:25+03:00',
      creditPartyName: '254708374149 - John Doe',
      debitPartyName: '601315 - Safaricom1338',
    });
  });

  it('a queue timeout is an expired failure', () => {
    expect(parseDarajaResult(capturedPayloads.queueTimeout)).toMatchObject({
      resultCode: '1037',
      status: 'failed',
      category: 'expired',
    });
  });

  const broken = (patch: (r: Record<string, unknown>) => void) => {
    const body = structuredClone(capturedPayloads.b2cResultSuccess) as unknown as {
      Result: Record<string, unknown>;
    };
    patch(body.Result);
    return body;
  };

  it.each([
    ['(body)', 'not json'],
    ['(body)', '[]'],
    ['Result', { Body: {} }],
    ['Result', { Result: 'x' }],
    ['Result.ResultCode', broken((r) => delete r.ResultCode)],
    ['Result.ResultCode', broken((r) => (r.ResultCode = 1.5))],
    ['Result.ResultCode', broken((r) => (r.ResultCode = 'not a code'))],
    ['Result.ResultType', broken((r) => (r.ResultType = {}))],
    ['Result.OriginatorConversationID', broken((r) => delete r.OriginatorConversationID)],
    ['Result.ConversationID', broken((r) => (r.ConversationID = ''))],
    ['Result.ResultParameters', broken((r) => (r.ResultParameters = 'x'))],
    [
      'Result.ResultParameters.ResultParameter.1',
      broken((r) => (r.ResultParameters = { ResultParameter: [{ Key: 'A', Value: 1 }, 'x'] })),
    ],
    ['Result.ReferenceData.ReferenceItem', broken((r) => (r.ReferenceData = { ReferenceItem: 3 }))],
  ])('rejects a malformed body naming %s', (field, body) => {
    const error = (() => {
      try {
        parseDarajaResult(body);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DarajaCallbackError);
    expect(error).toMatchObject({ field, code: 'invalid_callback' });
    expect((error as Error).message).toMatch(/not a valid Daraja result/);
  });

  it('readers name a malformed value instead of guessing', () => {
    const result = parseDarajaResult(
      broken((r) => {
        r.ResultParameters = {
          ResultParameter: [
            { Key: 'TransactionAmount', Value: '10.005' },
            { Key: 'TransactionCompletedDateTime', Value: '31.02.2024 10:00:00' },
          ],
        };
      }),
    );
    expect(() => readB2cResult(result)).toThrow(
      expect.objectContaining({ field: 'Result.ResultParameters.TransactionAmount' }),
    );
    const badBalance = parseDarajaResult(
      broken((r) => {
        r.ResultParameters = { ResultParameter: { Key: 'AccountBalance', Value: 'Working|KES|x' } };
      }),
    );
    expect(() => readAccountBalanceResult(badBalance)).toThrow(
      expect.objectContaining({ field: 'Result.ResultParameters.AccountBalance' }),
    );
  });

  it('acknowledges with HTTP 200 {"ResultCode":0,"ResultDesc":"Accepted"}', async () => {
    const response = acknowledgeResult();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    expect(resultAcknowledgement).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    expect(Object.isFrozen(resultAcknowledgement)).toBe(true);
  });

  it('types the result', () => {
    expectTypeOf(parseDarajaResult).returns.toEqualTypeOf<DarajaResult>();
    expectTypeOf<DarajaResult['status']>().toEqualTypeOf<'completed' | 'failed'>();
    expectTypeOf(readB2cResult)
      .returns.toHaveProperty('amountCents')
      .toEqualTypeOf<number | undefined>();
  });
});

describe('money and time helpers', () => {
  it.each([
    ['700000.00', 70_000_000],
    ['-1540.00', -154_000],
    ['5.00', 500],
    ['10', 1_000],
    ['0.1', 10],
    ['1.50', 150],
    [10116, 1_011_600],
    [10116.5, 1_011_650],
    [0.29, 29],
    [-4510, -451_000],
  ])('toCents(%j) is %i', (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it.each(['1.005', '1e3', '', 'abc', '1,000.00', Number.NaN, 1e21, null, {}])(
    'toCents(%j) is undefined',
    (value) => {
      expect(toCents(value)).toBeUndefined();
    },
  );

  it('reads both time shapes of results as Kenyan time', () => {
    expect(resultTimeToIso('06.07.2024 22:48:52')).toBe('2024-07-06T22:48:52+03:00');
    expect(resultTimeToIso(20240706224852)).toBe('2024-07-06T22:48:52+03:00');
    expect(resultTimeToIso('20240706224852')).toBe('2024-07-06T22:48:52+03:00');
    expect(resultTimeToIso('31.02.2024 10:00:00')).toBeUndefined();
    expect(resultTimeToIso('2024-07-06 22:48:52')).toBeUndefined();
  });
});

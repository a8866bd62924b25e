import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  acknowledgeStkCallback,
  DarajaCallbackError,
  parseStkCallback,
  type StkCallback,
  stkCallbackAcknowledgement,
} from '../src/index.js';
import { buildStkCallback, capturedPayloads } from '../src/testing/index.js';

describe('parseStkCallback', () => {
  it('parses the documented success with a valueless Balance', () => {
    const callback = parseStkCallback(capturedPayloads.callbackSuccessWithBalance);
    expect(callback).toMatchObject({
      status: 'completed',
      code: '0',
      category: 'success',
      merchantRequestId: '29115-34620561-1',
      checkoutRequestId: 'ws_CO_191220191020363925',
      amount: 1,
      amountCents: 100,
      receipt: 'NLJ7RT61SV',
      phone: '254708374149',
      transactionDate: '2019-12-19T10:21:15+03:00',
      balance: undefined,
    });
  });

  it('parses a success without Balance, from JSON text and from bytes', () => {
    const text = JSON.stringify(capturedPayloads.callbackSuccessNoBalance);
    for (const body of [
      text,
      new TextEncoder().encode(text),
      new TextEncoder().encode(text).buffer,
    ]) {
      expect(parseStkCallback(body)).toMatchObject({
        status: 'completed',
        amountCents: 5000,
        phone: '254712345678',
      });
    }
  });

  it('finds items by name in any order, with a string ResultCode', () => {
    expect(parseStkCallback(capturedPayloads.callbackSuccessReordered)).toMatchObject({
      status: 'completed',
      amount: 2500,
      amountCents: 250_000,
      receipt: 'QE51ABCDEF',
      phone: '254722000000',
      transactionDate: '2022-05-05T10:41:03+03:00',
      balance: '{Amount={CurrencyCode=KES, MinimumAmount=0, BasicAmount=0.00}}',
    });
  });

  it.each([
    ['callbackCancelled', 'cancelled', '1032'],
    ['callbackTimeout', 'expired', '1037'],
    ['callbackInsufficientFunds', 'failed', '1'],
  ] as const)('parses %s (no metadata) as %s', (name, status, code) => {
    const callback = parseStkCallback(capturedPayloads[name]);
    expect(callback).toMatchObject({ status, code });
    expect(callback.customerMessage.length).toBeGreaterThan(5);
  });

  it('round-trips the builder for every outcome', () => {
    for (const resultCode of [0, 1, 1032, 1037, 2001, 1019, 17]) {
      const callback = parseStkCallback(
        buildStkCallback({ resultCode, amount: 250_000, phone: '254110000000' }),
      );
      expect(callback.code).toBe(String(resultCode));
      if (callback.status === 'completed') expect(callback.amountCents).toBe(25_000_000);
    }
  });

  it('keeps the raw payload', () => {
    expect(parseStkCallback(capturedPayloads.callbackCancelled).raw).toEqual(
      capturedPayloads.callbackCancelled,
    );
  });

  const withoutItem = (name: string) => {
    const body = structuredClone(capturedPayloads.callbackSuccessWithBalance);
    body.Body.stkCallback.CallbackMetadata.Item =
      body.Body.stkCallback.CallbackMetadata.Item.filter((i) => i.Name !== name);
    return body;
  };

  it.each([
    ['not JSON', '{"Body":', '(body)'],
    ['a string', '"hello"', '(body)'],
    ['null', null, '(body)'],
    ['an array', [], '(body)'],
    ['no Body', { body: {} }, 'Body'],
    ['no stkCallback', { Body: { Result: {} } }, 'Body.stkCallback'],
    [
      'no ResultCode',
      { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'c' } } },
      'Body.stkCallback.ResultCode',
    ],
    [
      'a float ResultCode',
      {
        Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'c', ResultCode: 0.5 } },
      },
      'Body.stkCallback.ResultCode',
    ],
    [
      'no CheckoutRequestID',
      { Body: { stkCallback: { MerchantRequestID: 'm', ResultCode: 1032 } } },
      'Body.stkCallback.CheckoutRequestID',
    ],
    [
      'a pending code',
      {
        Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'c', ResultCode: 4999 } },
      },
      'Body.stkCallback.ResultCode',
    ],
    [
      'a success without metadata',
      { Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'c', ResultCode: 0 } } },
      'Body.stkCallback.CallbackMetadata.TransactionDate',
    ],
    ['a success without Amount', withoutItem('Amount'), 'Body.stkCallback.CallbackMetadata.Amount'],
    [
      'a success without receipt',
      withoutItem('MpesaReceiptNumber'),
      'Body.stkCallback.CallbackMetadata.MpesaReceiptNumber',
    ],
    [
      'a success without phone',
      withoutItem('PhoneNumber'),
      'Body.stkCallback.CallbackMetadata.PhoneNumber',
    ],
  ])('rejects %s with a typed error naming the field', (_what, body, field) => {
    const error = (() => {
      try {
        parseStkCallback(body);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DarajaCallbackError);
    expect(error).toMatchObject({ code: 'invalid_callback', field });
  });

  it('a result code named like an Object member is an unknown failure, not a TypeError', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const body = {
        Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: 'c', ResultCode: code } },
      };
      expect(parseStkCallback(body)).toMatchObject({
        status: 'failed',
        category: 'unknown',
        code,
      });
    }
  });

  it('rejects an amount with fractions of a cent', () => {
    const body = buildStkCallback({ amount: 10.005 });
    expect(() => parseStkCallback(body)).toThrow(/more than two decimals/);
  });

  it('narrows on status', () => {
    const callback = parseStkCallback(capturedPayloads.callbackSuccessWithBalance) as StkCallback;
    if (callback.status === 'completed') expectTypeOf(callback.amountCents).toBeNumber();
    // @ts-expect-error receipt exists only on completed callbacks
    callback.receipt;
  });
});

describe('acknowledgement', () => {
  it('is the body Safaricom expects, with HTTP 200', async () => {
    expect(stkCallbackAcknowledgement).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    const response = acknowledgeStkCallback();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
  });
});

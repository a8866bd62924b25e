import { describe, expect, it } from 'vitest';
import { describeResultCode, listResultCodes } from '../src/index.js';

describe('result-code catalogue', () => {
  it.each([
    [0, 'success', 'completed'],
    ['4999', 'pending', 'pending'],
    [1032, 'cancelled', 'cancelled'],
    ['1031', 'cancelled', 'cancelled'],
    [1037, 'expired', 'expired'],
    [1019, 'expired', 'expired'],
    [1, 'customer_failure', 'failed'],
    [2001, 'customer_failure', 'failed'],
    [17, 'retryable', 'failed'],
    [1001, 'retryable', 'failed'],
    [2028, 'merchant_configuration', 'failed'],
    ['SFC_IC0003', 'merchant_configuration', 'failed'],
    [123456, 'unknown', 'failed'],
  ])('%s is %s → %s', (code, category, status) => {
    expect(describeResultCode(code)).toMatchObject({ code: String(code), category, status });
  });

  it('numbers and strings are the same code', () => {
    expect(describeResultCode(1032)).toEqual(describeResultCode('1032'));
    expect(describeResultCode(' 1032 ')).toEqual(describeResultCode(1032));
  });

  it('has a customer-facing message for every code, and seed 001 messages in spirit', () => {
    for (const info of listResultCodes()) expect(info.customerMessage).toMatch(/\.$/);
    expect(describeResultCode(1).customerMessage).toMatch(/Insufficient funds/);
    expect(describeResultCode(2001).customerMessage).toMatch(/Wrong M-Pesa PIN/);
    expect(describeResultCode(1032).customerMessage).toMatch(/cancelled/);
  });

  describe('initiator APIs (B2C, reversal, status, balance)', () => {
    it.each([
      [0, 'success', 'completed'],
      [1, 'merchant_configuration', 'failed'],
      [2001, 'merchant_configuration', 'failed'],
      ['R000001', 'invalid_request', 'failed'],
      ['R000002', 'invalid_request', 'failed'],
      [2032, 'invalid_request', 'failed'],
      [2040, 'customer_failure', 'failed'],
      [17, 'retryable', 'failed'],
      [26, 'retryable', 'failed'],
      [1037, 'expired', 'expired'],
      ['SFC_IC0003', 'merchant_configuration', 'failed'],
      [8006, 'merchant_configuration', 'failed'],
      [99999, 'unknown', 'failed'],
    ])('%s is %s → %s', (code, category, status) => {
      expect(describeResultCode(code, 'initiator')).toMatchObject({
        code: String(code),
        category,
        status,
      });
    });

    it('the same number means something else than on STK', () => {
      expect(describeResultCode(1).customerMessage).toMatch(/Insufficient funds/);
      expect(describeResultCode(1, 'initiator').description).toMatch(/B2C utility account/);
      expect(describeResultCode(2001).customerMessage).toMatch(/Wrong M-Pesa PIN/);
      const initiator = describeResultCode(2001, 'initiator').description;
      for (const advice of ['initiator name', 'password', 'same environment', '90 days']) {
        expect(initiator).toContain(advice);
      }
    });

    it('covers the documented codes with messages', () => {
      const codes = listResultCodes('initiator').map((info) => info.code);
      for (const code of ['1', '2', '3', '4', '8', '11', '17', '21', '2001', '2006', '2028']) {
        expect(codes).toContain(code);
      }
      for (const code of ['2040', '8006', 'SFC_IC0003', 'R000001', 'R000002']) {
        expect(codes).toContain(code);
      }
      for (const code of ['15', '18', '20', '22', '24', '25', '26', '29']) {
        expect(codes).toContain(code);
      }
      for (const info of listResultCodes('initiator')) {
        expect(info.customerMessage).toMatch(/\.$/);
        expect(info.description).toMatch(/\.$/);
      }
    });
  });
});

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
});

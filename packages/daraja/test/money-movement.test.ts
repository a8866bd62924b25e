import { describe, expect, it } from 'vitest';
import {
  readAccountBalanceResult,
  readB2cResult,
  readReversalResult,
  readTransactionStatusResult,
} from '../src/index.js';
import { initiator, inProcessDaraja, queueTimeoutUrl } from './support/in-process-daraja.js';

const payout = { amount: 1_500, phone: '0708374149', remarks: 'Salary advance' };

describe('money movement end to end with the simulator', () => {
  it('a B2C payment completes: the result gives the receipt and the amount in cents', async () => {
    const { daraja, simulator, results } = inProcessDaraja();
    const accepted = await daraja.b2cPayment(payout);
    expect(results()).toEqual([]);
    await simulator.flush();
    const [result] = results();
    expect(result).toMatchObject({
      status: 'completed',
      resultCode: '0',
      category: 'success',
      conversationId: accepted.conversationId,
      originatorConversationId: accepted.originatorConversationId,
    });
    const details = readB2cResult(result!);
    expect(details).toMatchObject({
      amountCents: 150_000,
      receiverName: 'John Doe',
      receiverPhone: '254708374149',
      recipientRegistered: true,
      utilityBalanceCents: 100_000_000 - 150_000,
      workingBalanceCents: 0,
    });
    expect(details.receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(details.receipt).toBe(result!.transactionId);
    expect(details.completedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
    expect(simulator.balanceCents()).toBe(100_000_000 - 150_000);
    expect(simulator.stats.resultsSent).toBe(1);
  });

  it('a payment larger than the utility account fails with result 1 and moves nothing', async () => {
    const { daraja, simulator, results } = inProcessDaraja({ balanceCents: 100_000 });
    await daraja.b2cPayment(payout);
    await simulator.flush();
    const [result] = results();
    expect(result).toMatchObject({
      status: 'failed',
      resultCode: '1',
      category: 'merchant_configuration',
    });
    expect(result!.resultDesc).toBe('The balance is insufficient for the transaction.');
    expect(readB2cResult(result!).receipt).toBeUndefined();
    expect(simulator.balanceCents()).toBe(100_000);
    simulator.setBalanceCents(1_000_000);
    await daraja.b2cPayment(payout);
    await simulator.flush();
    expect(results()[1]?.status).toBe('completed');
  });

  it('a wrong SecurityCredential is accepted, then fails with 2001', async () => {
    const { daraja, simulator, results } = inProcessDaraja(
      {},
      { initiator: { ...initiator, securityCredential: `${'A'.repeat(340)}==` } },
    );
    await daraja.b2cPayment(payout);
    await daraja.accountBalance();
    await simulator.flush();
    const [b2c, balance] = results();
    expect(b2c).toMatchObject({ resultCode: '2001', category: 'merchant_configuration' });
    expect(b2c!.resultDesc).toBe('The initiator information is invalid.');
    expect(balance).toMatchObject({ resultCode: '2001', status: 'failed' });
    expect(simulator.balanceCents()).toBe(100_000_000);
  });

  it('a queue timeout is posted to the QueueTimeOutURL and pays nothing', async () => {
    const { daraja, simulator, results } = inProcessDaraja();
    const accepted = await daraja.b2cPayment({ ...payout, phone: '0711111111' });
    await simulator.flush();
    expect(results()).toEqual([]);
    const [timeout] = results(queueTimeoutUrl);
    expect(timeout).toMatchObject({
      resultCode: '1037',
      status: 'failed',
      category: 'expired',
      originatorConversationId: accepted.originatorConversationId,
    });
    expect(simulator.balanceCents()).toBe(100_000_000);
    // Nothing was paid, so a status query finds no transaction.
    await daraja.transactionStatus({ originalConversationId: accepted.originatorConversationId });
    await simulator.flush();
    expect(results()[0]).toMatchObject({ resultCode: '2032', category: 'invalid_request' });
  });

  it('a lost result: only transactionStatus reveals the completed payment', async () => {
    const { daraja, simulator, results } = inProcessDaraja({
      outcomes: { '254722000111': { resultCode: 0, skipCallback: true } },
    });
    const accepted = await daraja.b2cPayment({ ...payout, phone: '0722000111' });
    await simulator.flush();
    expect(results()).toEqual([]);
    expect(simulator.balanceCents()).toBe(100_000_000 - 150_000);
    await daraja.transactionStatus({ originalConversationId: accepted.originatorConversationId });
    await simulator.flush();
    const [status] = results();
    expect(status).toMatchObject({ status: 'completed', resultCode: '0' });
    const details = readTransactionStatusResult(status!);
    expect(details).toMatchObject({
      transactionStatus: 'Completed',
      amountCents: 150_000,
      reasonType: 'Business Payment to Customer via API',
      creditPartyName: '254722000111 - John Doe',
      originatorConversationId: accepted.originatorConversationId,
    });
    expect(details.receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(details.finalisedAt).toMatch(/\+03:00$/);
    // The receipt finds it too.
    await daraja.transactionStatus({ transactionId: details.receipt! });
    await simulator.flush();
    expect(readTransactionStatusResult(results()[1]!).receipt).toBe(details.receipt);
  });

  it('a status query answered before the payment settles reports it pending', async () => {
    // Status answers after 5 ms; 254722222222's payment waits five minutes for M-Pesa.
    const { daraja, simulator, results } = inProcessDaraja({ callbackDelayMs: 5 });
    const accepted = await daraja.b2cPayment({ ...payout, phone: '0722222222' });
    await daraja.transactionStatus({ originalConversationId: accepted.originatorConversationId });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await simulator.idle();
    const [status] = results();
    expect(status).toMatchObject({ resultCode: '0', status: 'completed' });
    expect(readTransactionStatusResult(status!).transactionStatus).toBe('Pending');
    expect(simulator.asyncRequest(accepted.conversationId)?.resultCode).toBeUndefined();
  });

  it('an STK payment is reversed once; the second reversal is R000001, an unknown one R000002', async () => {
    const { daraja, simulator, results } = inProcessDaraja(
      {},
      { callbackUrl: 'https://merchant.example/stk' },
    );
    const push = await daraja.stkPush({
      amount: 250,
      phone: '0708374149',
      accountReference: 'ORDER-42',
      transactionDesc: 'Order 42',
    });
    await simulator.settle(push.checkoutRequestId);
    const receipt = simulator.transaction(push.checkoutRequestId)!.receipt!;
    await daraja.reverseTransaction({ transactionId: receipt, amount: 250, remarks: 'Refund' });
    await simulator.flush();
    const [reversal] = results();
    expect(reversal).toMatchObject({ status: 'completed', resultCode: '0' });
    expect(readReversalResult(reversal!)).toMatchObject({
      originalTransactionId: receipt,
      amountCents: 25_000,
      chargeCents: 0,
      creditPartyName: '254708374149 - John Doe',
      debitPartyName: '174379 - Simulated Shop',
    });
    expect(reversal!.transactionId).not.toBe(receipt);
    expect(simulator.balanceCents()).toBe(100_000_000 - 25_000);

    await daraja.reverseTransaction({ transactionId: receipt, amount: 250, remarks: 'Again' });
    await daraja.reverseTransaction({ transactionId: 'ZZZ0000001', amount: 1, remarks: 'Who?' });
    await simulator.flush();
    const [, again, unknown] = results();
    expect(again).toMatchObject({ resultCode: 'R000001', category: 'invalid_request' });
    expect(again!.customerMessage).toBe('This payment has already been refunded.');
    expect(unknown).toMatchObject({ resultCode: 'R000002', status: 'failed' });
    expect(simulator.balanceCents()).toBe(100_000_000 - 25_000);
  });

  it('a reversed B2C payment comes back into the utility account', async () => {
    const { daraja, simulator, results } = inProcessDaraja();
    await daraja.b2cPayment(payout);
    await simulator.flush();
    const receipt = readB2cResult(results()[0]!).receipt!;
    await daraja.reverseTransaction({ transactionId: receipt, amount: 2_000, remarks: 'Too much' });
    await daraja.reverseTransaction({ transactionId: receipt, amount: 1_500, remarks: 'Undo' });
    await simulator.flush();
    expect(results()[1]).toMatchObject({ resultCode: '25', category: 'invalid_request' });
    expect(results()[2]).toMatchObject({ resultCode: '0' });
    expect(simulator.balanceCents()).toBe(100_000_000);
  });

  it('the account balance result reads into cents per account', async () => {
    const { daraja, simulator, results } = inProcessDaraja({ balanceCents: 123_456_78 });
    await daraja.accountBalance();
    await simulator.flush();
    const [result] = results();
    // The balance result writes ResultType and ResultCode as strings.
    expect((result!.raw as { Result: { ResultCode: unknown } }).Result.ResultCode).toBe('0');
    const { accounts, completedAt } = readAccountBalanceResult(result!);
    expect(accounts.map((a) => a.name)).toEqual([
      'Working Account',
      'Float Account',
      'Utility Account',
      'Charges Paid Account',
      'Organization Settlement Account',
    ]);
    expect(accounts.find((a) => a.name === 'Utility Account')).toEqual({
      name: 'Utility Account',
      currency: 'KES',
      currentCents: 12_345_678,
      availableCents: 12_345_678,
      reservedCents: 0,
      unclearedCents: 0,
    });
    expect(completedAt).toMatch(/\+03:00$/);
  });

  it('results are posted after the callback delay without flush()', async () => {
    const { daraja, simulator, results } = inProcessDaraja({ callbackDelayMs: 5 });
    await daraja.accountBalance();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await simulator.idle();
    expect(results()).toHaveLength(1);
  });

  it('close() cancels pending results', async () => {
    const { daraja, simulator, results } = inProcessDaraja({ callbackDelayMs: 5 });
    await daraja.accountBalance();
    simulator.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(results()).toEqual([]);
  });
});

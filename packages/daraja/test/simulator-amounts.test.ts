import { describe, expect, it } from 'vitest';
import { isDarajaApiError } from '../src/index.js';
import { inProcessDaraja } from './support/in-process-daraja.js';

/** Sends each call with its JSON `Amount` replaced by `amount`, as a hand-written client might. */
function withAmount(amount: unknown) {
  const { daraja, simulator } = inProcessDaraja(
    {},
    {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method !== 'POST') return simulator.handle(request);
        const body = await request.json();
        return simulator.handle(
          new Request(request.url, {
            method: 'POST',
            headers: request.headers,
            body: JSON.stringify({ ...body, Amount: amount }),
          }),
        );
      },
    },
  );
  return { daraja, simulator };
}

const calls = {
  stkPush: (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
    d.stkPush({
      amount: 10,
      phone: '0708374149',
      accountReference: 'INV-1',
      transactionDesc: 'x',
      callbackUrl: 'https://merchant.example/stk',
    }),
  b2cPayment: (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
    d.b2cPayment({ amount: 10, phone: '0708374149', remarks: 'Refund order 42' }),
  reverseTransaction: (d: ReturnType<typeof inProcessDaraja>['daraja']) =>
    d.reverseTransaction({ transactionId: 'NLJ7RT61SV', amount: 10, remarks: 'Refund' }),
};

describe('the simulator reads Amount as Daraja does: a whole number, or a string of digits', () => {
  it.each(
    Object.keys(calls).flatMap((call) =>
      ['1e2', '10.5', ' 10', '10 ', '0x10', '', true, [5], null, 10.5, '1'.repeat(16)].map(
        (amount) => [call, amount] as const,
      ),
    ),
  )('%s with Amount %j is refused: Invalid Amount', async (call, amount) => {
    const { daraja } = withAmount(amount);
    const refused = await calls[call as keyof typeof calls](daraja).catch((e: unknown) => e);
    expect(isDarajaApiError(refused) && refused.errorMessage).toBe('Bad Request - Invalid Amount');
  });

  it.each(
    Object.keys(calls).flatMap((call) => [10, '10'].map((amount) => [call, amount] as const)),
  )('%s with Amount %j is accepted', async (call, amount) => {
    const { daraja } = withAmount(amount);
    await expect(calls[call as keyof typeof calls](daraja)).resolves.toMatchObject({
      responseCode: '0',
    });
  });

  it.each(['1e2', '10.5', true, [5]])(
    'a simulated C2B payment with Amount %j is refused: Invalid Amount',
    async (amount) => {
      const { daraja, simulator } = inProcessDaraja();
      const answer = await simulator.handle(
        new Request('https://daraja.simulator/mpesa/c2b/v2/simulate', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await daraja.getAccessToken()}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            ShortCode: '174379',
            CommandID: 'CustomerPayBillOnline',
            Amount: amount,
            Msisdn: '254708374149',
            BillRefNumber: 'INV-7',
          }),
        }),
      );
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ errorMessage: 'Bad Request - Invalid Amount' });
    },
  );
});

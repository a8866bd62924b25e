import { routes } from '@malipo/contract';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { Malipo, MalipoOptionsError, MalipoResponseValidationError } from '../src/index.js';
import { baseUrl, paymentRecord, server } from './support/fake-gateway.js';

const credentials = { apiKey: 'sk_test_key', apiSecret: 'secret_test', baseUrl };

const answerRetrieve = (body: unknown) =>
  server.use(
    http.get(`${baseUrl}/api/v1/payments/:id`, () =>
      HttpResponse.json(body as object, { headers: { 'x-request-id': 'req_shape' } }),
    ),
  );

describe('answers, by default', () => {
  it('returns a JSON object as the gateway sent it, without checking it against the contract', async () => {
    answerRetrieve({ success: true, payment_id: 'pay_1', status: 'COMPLETED' });
    const payment = await new Malipo(credentials).payments.retrieve('pay_1');
    expect(payment).toEqual({ success: true, payment_id: 'pay_1', status: 'COMPLETED' });
    expect(payment.$response.requestId).toBe('req_shape');
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'pay_1'],
    ['null', null],
  ])('refuses %s with MalipoResponseValidationError', async (_, body) => {
    answerRetrieve(body);
    const error = await new Malipo(credentials).payments.retrieve('pay_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect(error).toMatchObject({ code: 'invalid_response', requestId: 'req_shape', raw: body });
    expect((error as Error).message).toMatch(/not a JSON object/);
  });

  it('stops iterating at a page without a data list', async () => {
    server.use(
      http.get(`${baseUrl}/api/v1/payments`, () =>
        HttpResponse.json({ success: true, has_more: false, next_cursor: null }),
      ),
    );
    const error = await new Malipo(credentials).payments
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect((error as Error).message).toMatch(/`data` list/);
  });
});

describe('validateResponses: routes', () => {
  const strict = () => new Malipo({ ...credentials, validateResponses: routes });

  it('passes an answer the contract describes, with fields a newer gateway added', async () => {
    answerRetrieve({
      success: true,
      ...paymentRecord({ payment_id: 'pay_1', status: 'DISPUTED' }),
      new_field: 1,
    });
    const payment = await strict().payments.retrieve('pay_1');
    expect(payment).toMatchObject({ payment_id: 'pay_1', status: 'DISPUTED', new_field: 1 });
    expect(payment.$response.status).toBe(200);
  });

  it('names the field of an answer the contract does not describe', async () => {
    const { amount_cents: _, ...withoutAmount } = paymentRecord({ payment_id: 'pay_1' });
    answerRetrieve({ success: true, ...withoutAmount });
    const error = await strict()
      .payments.retrieve('pay_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect((error as Error).message).toMatch(
      /GET \/api\/v1\/payments\/\{payment_id\} answered with an unexpected body at `amount_cents`/,
    );
    expect(error).toMatchObject({ requestId: 'req_shape' });
  });

  it('must be the route table', () => {
    expect(
      () => new Malipo({ ...credentials, validateResponses: true as unknown as typeof routes }),
    ).toThrow(MalipoOptionsError);
  });
});

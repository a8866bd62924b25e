import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryBudget } from '../src/mpesa/query-budget.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

describe('the STK query budget (configurable apart from pushes)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', {
      MPESA_QUERY_REQUESTS_PER_MINUTE: '2',
      MPESA_POLL_SCHEDULE: '600',
    });
  });
  afterAll(() => gw?.close());

  it('manual queries past the budget wait their turn instead of reaching Daraja', async () => {
    const created = await gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254722222222' }, // never answered: stays pending
    });
    const simulator = gw.gateway.mpesa.simulator;
    const before = simulator?.stats.stkQueries ?? 0;
    const controller = new AbortController();
    let answered = 0;
    const queries = Array.from({ length: 4 }, () =>
      fetch(`${gw.url}/api/v1/payments/${created.payment_id}/query`, {
        method: 'POST',
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
        signal: controller.signal,
      }).then(
        (answer) => {
          answered += 1;
          return answer.status;
        },
        () => 'gave up',
      ),
    );
    // The two the budget allows are answered (however long a loaded machine takes); the other
    // two wait for the next minute's slots.
    await eventually(
      async () => answered,
      (count) => count >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(2);
    expect((simulator?.stats.stkQueries ?? 0) - before).toBe(2);
    controller.abort();
    const outcomes = await Promise.all(queries);
    expect(outcomes.filter((o) => o === 200)).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'gave up')).toHaveLength(2);
    // The callers that left never reach Daraja.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((simulator?.stats.stkQueries ?? 0) - before).toBe(2);
  });

  it('a caller that leaves stops waiting for its slot', async () => {
    const slot = createQueryBudget(1);
    await slot();
    const controller = new AbortController();
    const waiting = slot(controller.signal);
    setTimeout(() => controller.abort(new Error('caller left')), 50);
    await expect(waiting).rejects.toThrow('caller left');
  });
});

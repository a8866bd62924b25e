import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/merchants/operations.js';
import { startTestGateway, type TestGateway } from './support/harness.js';

/**
 * One merchant saturating manual queries must not hold another's push back: each merchant has a
 * share of the mode's Daraja budget, and past it is refused at once instead of queueing.
 */
describe('the Daraja budget is shared fairly between merchants', () => {
  const budget = 20; // a minute, so one slot is 3 s
  let gw: TestGateway;
  let other: { key: string; secret: string };
  beforeAll(async () => {
    gw = await startTestGateway('pglite', {
      MPESA_REQUESTS_PER_MINUTE: String(budget),
      MPESA_MERCHANT_REQUESTS_PER_MINUTE: '5',
      MPESA_POLL_SCHEDULE: '600',
    });
    const made = await createMerchant(gw.gateway.db, 'B');
    other = { key: made.apiKey, secret: made.apiSecret };
  });
  afterAll(() => gw?.close());

  const create = (key: string, secret: string) =>
    fetch(`${gw.url}/api/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-api-secret': secret },
      // 254722222222: the simulated customer never answers, so the payment stays pending.
      body: JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254722222222' },
      }),
    });

  it("merchant A's 40 concurrent queries leave B's push within one budget slot", async () => {
    const pending = await (await create(gw.apiKey, gw.apiSecret)).json();
    const queries = Array.from({ length: 40 }, () =>
      fetch(`${gw.url}/api/v1/payments/${pending.payment_id}/query`, {
        method: 'POST',
        headers: { 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret },
      }).then((answer) => answer.status),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const pushed = await create(other.key, other.secret);
    const waited = performance.now() - started;
    const statuses = await Promise.all(queries);
    expect(pushed.status).toBe(201);
    expect(waited).toBeLessThan(60_000 / budget);
    // A got its share (its create used one of five) and was told to wait for the rest.
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    console.log(
      `fairness: B's push took ${waited.toFixed(0)} ms while A's 40 queries got ${statuses.filter((s) => s === 429).length} refusals (429)`,
    );
  });
});

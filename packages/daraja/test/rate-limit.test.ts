import { describe, expect, it } from 'vitest';
import { recordRequests, simulatedDaraja, validPush } from './support/simulated-daraja.js';

describe('client-side rate limit', () => {
  it('holds requests beyond the limit until the interval passes', async () => {
    const seen = recordRequests();
    const { daraja } = simulatedDaraja({}, { rateLimit: { limit: 3, intervalMs: 400 } });
    const pushes = Promise.all(Array.from({ length: 4 }, () => daraja.stkPush(validPush)));
    await new Promise((r) => setTimeout(r, 150));
    // One OAuth request and two pushes fit in the first window; the other two wait.
    expect(seen.filter((s) => !s.includes('/callback'))).toHaveLength(3);
    await pushes;
    expect(seen.filter((s) => s.endsWith('/processrequest'))).toHaveLength(4);
  });
});

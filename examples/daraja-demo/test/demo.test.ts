import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

describe('daraja demo over loopback HTTP', () => {
  it('settles paid, cancelled and insufficient-funds payments via callback and query', async () => {
    const payments = await runDemo();
    expect(
      payments.map((p) => [p.phone, p.callback.status, p.callback.code, p.query.status]),
    ).toEqual([
      ['254708374149', 'completed', '0', 'completed'],
      ['254733333333', 'cancelled', '1032', 'cancelled'],
      ['254708374150', 'failed', '1', 'failed'],
    ]);
    const paid = payments[0]!.callback;
    expect(paid.status === 'completed' && paid.amountCents).toBe(10_000);
  });
});

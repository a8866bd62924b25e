import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../src/jobs/queues.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/**
 * Reconciliation runs every RECONCILE_INTERVAL_SECONDS, not whenever pg-boss happens to poll: the
 * next sweep is a delayed job, which LISTEN/NOTIFY never announces (pg-boss polled it every 30 s).
 */
describe.each(databaseKinds)('the reconcile sweep interval on %s', (kind) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(kind, { RECONCILE_INTERVAL_SECONDS: '1' });
  });
  afterAll(() => gw?.close());

  it('with RECONCILE_INTERVAL_SECONDS=1, four sweeps complete within 15 s of the start', async () => {
    const completed = await eventually(
      async () =>
        (await gw.gateway.boss.findJobs(queues.reconcile, { limit: 1000 })).filter(
          (job) => job.state === 'completed',
        ).length,
      (n) => n >= 4,
      15_000,
    );
    expect(completed).toBeGreaterThanOrEqual(4);
  });
});

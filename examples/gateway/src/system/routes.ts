import { Hono } from 'hono';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { queues } from '../jobs/queues.js';

/** `GET /health` (no auth) and `GET /api/v1/test/jobs/status` (seed 002). */
export function systemRoutes(db: Database, boss: PgBoss, workerRunning: () => boolean) {
  const app = new Hono<AppEnv>();

  app.get('/health', async (c) => {
    const database = await db.query('select 1').then(
      () => 'ok',
      () => 'unavailable',
    );
    const queue = await boss.getQueue(queues.delivery).then(
      (found) => (found ? 'ok' : 'unavailable'),
      () => 'unavailable',
    );
    const ok = database === 'ok' && queue === 'ok';
    return c.json({ status: ok ? 'ok' : 'degraded', database, queue }, ok ? 200 : 503);
  });

  app.get('/api/v1/test/jobs/status', async (c) => {
    const found = await boss.getQueues(Object.values(queues));
    const sum = (pick: (q: (typeof found)[number]) => number) =>
      found.reduce((total, q) => total + pick(q), 0);
    const done = await db.query<{ completed: string; failed: string }>(
      `select count(*) filter (where status = 'DELIVERED')::text as completed,
              count(*) filter (where status = 'FAILED')::text as failed
       from webhook_deliveries where merchant_id = $1`,
      [c.get('merchant').merchantId],
    );
    return c.json({
      success: true,
      pending: sum((q) => q.queuedCount),
      processing: sum((q) => q.activeCount),
      completed: Number(done[0]?.completed ?? 0),
      failed: Number(done[0]?.failed ?? 0),
      worker_status: workerRunning() ? 'running' : 'stopped',
    });
  });

  return app;
}

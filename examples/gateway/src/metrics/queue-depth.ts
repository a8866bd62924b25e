import type { PgBoss } from 'pg-boss';
import { Gauge, type Registry } from 'prom-client';
import { queues } from '../jobs/queues.js';

/**
 * `malipo_queue_jobs{queue,state}`, read from pg-boss at scrape time: `ready` (waiting for a
 * worker now: the backlog), `deferred` (scheduled later, such as webhook retries) and `active`.
 * pg-boss serves these counts from the cache its monitor keeps (refreshed every few seconds).
 * If pg-boss cannot answer the series are dropped for that scrape, and `onError` hears why.
 */
export function registerQueueDepth(
  registry: Registry,
  boss: PgBoss,
  onError: (error: unknown) => void,
): void {
  new Gauge({
    name: 'malipo_queue_jobs',
    help: 'pg-boss jobs per queue: ready (backlog), deferred (scheduled later) and active.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      try {
        for (const queue of Object.values(queues)) {
          const [stats] = await boss.getQueueStats(queue);
          if (!stats) continue;
          this.set({ queue, state: 'ready' }, stats.readyCount);
          this.set({ queue, state: 'deferred' }, stats.deferredCount);
          this.set({ queue, state: 'active' }, stats.activeCount);
        }
      } catch (error) {
        this.reset();
        onError(error);
      }
    },
  });
}

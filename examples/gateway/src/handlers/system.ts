import type { RouteHandlers } from '../http/route-types.js';
import { checkHealth, jobStatistics } from '../system/health.js';
import type { HandlerDeps } from './deps.js';

/** Health and the test-mode queue statistics. */
export function systemHandlers(deps: HandlerDeps): Pick<RouteHandlers, 'health' | 'jobStatus'> {
  return {
    async health() {
      const health = await checkHealth(deps.db, deps.boss);
      return {
        status: health.ok ? 200 : 503,
        body: {
          status: health.ok ? 'ok' : 'degraded',
          database: health.database,
          queue: health.queue,
          providers: deps.breakers.health(),
        },
      };
    },

    async jobStatus({ merchant }) {
      const stats = await jobStatistics(deps.db, deps.boss, merchant);
      return {
        body: {
          success: true,
          ...stats,
          worker_status: deps.workerRunning() ? 'running' : 'stopped',
        },
      };
    },
  };
}

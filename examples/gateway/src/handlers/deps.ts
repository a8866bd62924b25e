import type { PgBoss } from 'pg-boss';
import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import type { ProviderBreakers } from '../providers/breakers.js';
import type { BuniModes } from '../providers/buni/buni.js';

/** What the route handlers need. */
export interface HandlerDeps {
  db: Database;
  boss: PgBoss;
  jobs: Jobs;
  mpesa: MpesaModes;
  /** BUNI card payments (test mode: the built-in card simulator). */
  buni: BuniModes;
  /** One circuit breaker per provider and mode. */
  breakers: ProviderBreakers;
  config: GatewayConfig;
  workerRunning: () => boolean;
  /** The gateway's public base URL (hosted checkout pages, callbacks), without a trailing slash. */
  publicUrl: string;
  /** The process's Prometheus metrics; undefined when no metrics endpoint is configured. */
  metrics?: GatewayMetrics | undefined;
}

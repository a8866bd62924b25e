import { loadConfig } from '../src/config/config.js';
import { type Roles, type RunningGateway, startGateway } from '../src/gateway.js';

/** The bench merchant's credentials. */
export const benchCredentials = {
  apiKey: 'sk_test_bench_key_0001',
  apiSecret: 'secret_bench_secret_0001',
};

/**
 * A gateway on a loopback port for measuring: silent, no rate limit, and a simulated customer
 * who never answers during the run (and no early polls), so only the measured path runs.
 */
export function startBenchGateway(
  env: Record<string, string>,
  roles: Roles,
): Promise<RunningGateway> {
  return startGateway(
    loadConfig({
      PORT: '0',
      ...env,
      LOG_LEVEL: 'silent',
      API_KEY: benchCredentials.apiKey,
      API_SECRET: benchCredentials.apiSecret,
      TEST_PROCESSING_DELAY: '600000',
      MPESA_POLL_SCHEDULE: '3600',
      RATE_LIMIT_PER_MINUTE: '1000000',
    }),
    roles,
  );
}

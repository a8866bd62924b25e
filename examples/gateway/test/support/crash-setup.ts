import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDarajaSimulator, type DarajaSimulator } from '@malipo/daraja/testing';
import { gatewayTestPhones } from '../../src/mpesa/mpesa.js';
import { freePort } from './child-gateway.js';
import { type DatabaseKind, scratchDatabase } from './databases.js';

/** What a crash test runs a killable gateway against: Daraja and a database that outlive it. */
export interface CrashSetup {
  simulator: DarajaSimulator;
  /** The gateway's environment (its port, database, simulator and fast reconciliation). */
  env: Record<string, string>;
  url: string;
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
}

/**
 * A simulated Daraja on its own loopback server (it survives the gateway), a scratch database of
 * `kind` and the environment of a gateway process using both. Each resource it makes is handed to
 * `cleanup` to release.
 */
export async function crashSetup(
  kind: DatabaseKind,
  cleanup: (release: () => Promise<unknown>) => void,
  env: Record<string, string> = {},
): Promise<CrashSetup> {
  const simulator = createDarajaSimulator({ callbackDelayMs: 300, outcomes: gatewayTestPhones });
  const daraja = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve(
      { fetch: simulator.handle, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
  cleanup(async () => {
    simulator.close();
    daraja.close();
  });
  const database = await scratchDatabase(kind);
  cleanup(() => database.drop());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keys = {
    apiKey: 'sk_test_crash_key_0001',
    apiSecret: 'secret_crash_secret_0001',
    webhookSecret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
  };
  return {
    simulator,
    url,
    ...keys,
    env: {
      ...database.env,
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'silent',
      MPESA_SIMULATOR_URL: daraja.url,
      MPESA_POLL_SCHEDULE: '1,3',
      RECONCILE_AFTER_SECONDS: '2',
      RECONCILE_INTERVAL_SECONDS: '1',
      EXPIRE_AFTER_SECONDS: '10',
      WEBHOOK_RETRY_INTERVALS: '0,1,1,2,2,3,3,5',
      ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
      RATE_LIMIT_PER_MINUTE: '100000',
      API_KEY: keys.apiKey,
      API_SECRET: keys.apiSecret,
      WEBHOOK_SECRET: keys.webhookSecret,
      ...env,
    },
  };
}

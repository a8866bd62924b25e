import { Malipo } from '@malipo/client';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { type RunningGateway, startGateway } from '../../src/gateway.js';
import { type DatabaseKind, scratchDatabase } from './databases.js';
import { checkResponsesOf } from './openapi-responses.js';

/** Test-speed defaults: short simulator delay, test retry intervals, loopback receivers allowed. */
export const testEnv: Record<string, string> = {
  PORT: '0',
  LOG_LEVEL: 'silent',
  TEST_PROCESSING_DELAY: '150',
  WEBHOOK_RETRY_INTERVALS: '0,1,2,3,4',
  ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
  MPESA_POLL_SCHEDULE: '2,4',
  RATE_LIMIT_PER_MINUTE: '100000',
  CHECKOUT_PROMPTS_PER_PHONE: '100000',
};

export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  client: Malipo;
  apiKey: string;
  apiSecret: string;
  /** The test merchant's secret for test events. */
  webhookSecret: string;
  /** The test merchant's secret for live events. */
  liveWebhookSecret: string;
  close(): Promise<void>;
}

/** A real gateway (API + workers) on a loopback port over a fresh database of `kind`. */
export async function startTestGateway(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestGateway> {
  const database = await scratchDatabase(kind);
  const apiKey = 'sk_test_harness_key_0001';
  const apiSecret = 'secret_harness_secret_0001';
  const config = loadConfig({
    ...testEnv,
    ...database.env,
    API_KEY: apiKey,
    API_SECRET: apiSecret,
    ...env,
  });
  const gateway = await startGateway(config, { api: true, worker: true });
  const url = gateway.url as string;
  checkResponsesOf(url);
  const [live] = await gateway.db.query<{ secret: string }>(
    `select secret from merchant_webhook_secrets where merchant_id = $1 and mode = 'live'`,
    [gateway.merchant.merchantId],
  );
  return {
    gateway,
    url,
    client: new Malipo({ apiKey, apiSecret, baseUrl: url }),
    apiKey,
    apiSecret,
    webhookSecret: gateway.merchant.webhookSecret,
    liveWebhookSecret: live?.secret as string,
    async close() {
      await gateway.close();
      await database.drop();
    },
  };
}

/**
 * A gateway for the enclosing `describe`: started before its tests, closed after them. Call the
 * result inside a test (the gateway exists once the tests run).
 */
export function suiteGateway(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): () => TestGateway {
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(kind, env);
  });
  afterAll(() => gateway?.close());
  return () => gateway as TestGateway;
}

/** Polls `read` until `done` holds (or fails after `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `pnpm bench` for the gateway, one run, real HTTP on loopback (autocannon):
 *   - create-payment requests/s and p50/p99 latency on PGlite and on PostgreSQL,
 *   - M-Pesa callbacks acknowledged per second,
 *   - asynchronous M-Pesa results (B2C and the like) acknowledged per second, beside the floor:
 *     a Hono route on the same database that does the one insert and nothing else,
 *   - webhooks delivered per second (settlement → signed POST → 2xx → logged),
 * each beside a bare Hono hello-world on the same machine, as a ratio.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildStkCallback } from '@malipo/daraja/testing';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { loadConfig } from '../src/config/config.js';
import type { Database } from '../src/db/database.js';
import { startGateway } from '../src/gateway.js';
import { newId } from '../src/ids/ids.js';
import { settlePayment } from '../src/payments/state-machine.js';
import { type DatabaseKind, scratchDatabase } from '../test/support/databases.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(options: autocannon.Options): Promise<Run> {
  const result = await autocannon({ duration: seconds, connections, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function helloWorld(): Promise<Run> {
  const app = new Hono();
  app.get('/', (c) => c.text('Hello World'));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  try {
    return await load({ url: `http://127.0.0.1:${port}/` });
  } finally {
    server.close();
  }
}

/** One insert of the raw body per request on the gateway's own database, behind bare Hono. */
async function insertFloor(db: Database, body: string): Promise<Run> {
  const app = new Hono();
  app.post('/', async (c) => {
    await db.query(
      `insert into mpesa_results (id, mode, kind, purpose, target_id, body) values ($1, 'test', 'result', 'payout', 'po_floor', $2)`,
      [newId('res'), await c.req.text()],
    );
    return c.json({ ResultCode: 0, ResultDesc: 'Accepted' });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  try {
    return await load({
      url: `http://127.0.0.1:${port}/`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  } finally {
    server.close();
  }
}

async function gatewayRuns(kind: DatabaseKind) {
  const database = await scratchDatabase(kind);
  // A receiver that answers 200 at once: the delivery path is the gateway's, not the receiver's.
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  const apiKey = 'sk_test_bench_key_0001';
  const apiSecret = 'secret_bench_secret_0001';
  const gateway = await startGateway(
    loadConfig({
      ...database.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      API_KEY: apiKey,
      API_SECRET: apiSecret,
      // The simulated customer never answers during the run: only creation is measured.
      TEST_PROCESSING_DELAY: '600000',
      MPESA_POLL_SCHEDULE: '3600',
      RATE_LIMIT_PER_MINUTE: '1000000',
    }),
    { api: true, worker: true },
  );
  const url = gateway.url as string;
  try {
    const headers = {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      'x-api-secret': apiSecret,
    };
    const body = JSON.stringify({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678', description: 'Bench' },
    });
    let key = 0;
    const create = await load({
      url: `${url}/api/v1/payments`,
      method: 'POST',
      headers,
      body,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${kind}-${key++}` },
          }),
        },
      ],
    });

    const token = (
      await gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const callbacks = await load({
      url: `${url}/callbacks/mpesa/${token}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        buildStkCallback({ checkoutRequestId: 'ws_CO_bench_unmatched', resultCode: 0 }),
      ),
    });

    // Asynchronous results (B2C): the gateway's route beside a bare Hono route doing one insert
    // into the same table on the same database (the floor no acknowledgement can beat).
    const resultBody = JSON.stringify({
      Result: {
        ResultType: 0,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        OriginatorConversationID: 'po_benchbenchbenchbench',
        ConversationID: 'AG_20260207_bench',
        TransactionID: 'TGR3HYT7CK',
        ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://x' } },
      },
    });
    const results = await load({
      url: `${url}/callbacks/mpesa/${token}/results/payout/po_benchbenchbenchbench`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: resultBody,
    });
    const resultsFloor = await insertFloor(gateway.db, resultBody);

    // Webhooks: settle N pending payments at once (each emits an event and a delivery job), then
    // time until every delivery is logged DELIVERED.
    const n = Number(process.env.BENCH_WEBHOOKS ?? 1_000);
    const merchant = gateway.merchant.merchantId;
    const ids = Array.from({ length: n }, () => newId('pay'));
    for (const id of ids) {
      await gateway.db.query(
        `insert into payments (id, merchant_id, mode, status, amount_cents, currency, provider, callback_url)
         values ($1, $2, 'test', 'PENDING', 10000, 'KES', 'MPESA_SAFARICOM', $3)`,
        [id, merchant, receiverUrl],
      );
    }
    const started = performance.now();
    await Promise.all(
      ids.map((id) =>
        gateway.db.transaction((tx) =>
          settlePayment(tx, gateway.jobs, id, { to: 'COMPLETED', reason: 'callback' }),
        ),
      ),
    );
    for (;;) {
      const rows = await gateway.db.query<{ n: string }>(
        `select count(*)::text as n from webhook_deliveries where status = 'DELIVERED' and url = $1`,
        [receiverUrl],
      );
      if (Number(rows[0]?.n) >= n) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const webhooksPerSecond = n / ((performance.now() - started) / 1000);
    return { create, callbacks, results, resultsFloor, webhooksPerSecond };
  } finally {
    await gateway.close();
    receiver.close();
    await database.drop();
  }
}

const baseline = await helloWorld();
const fmt = (n: number) => n.toFixed(0).padStart(7);
const ratio = (n: number) => `${((n / baseline.rps) * 100).toFixed(1)}% of hello-world`;
console.log(
  `\nGateway benchmark: ${seconds} s per run, ${connections} connections, loopback (autocannon)\n`,
);
console.log(
  `bare Hono hello-world           ${fmt(baseline.rps)} req/s  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`,
);
for (const kind of ['pglite', 'postgres'] as const) {
  const { create, callbacks, results, resultsFloor, webhooksPerSecond } = await gatewayRuns(kind);
  console.log(
    `create payment (${kind.padEnd(8)})      ${fmt(create.rps)} req/s  p50 ${create.p50} ms  p99 ${create.p99} ms  ${ratio(create.rps)}${create.non2xx || create.errors ? `  (${create.non2xx} non-2xx, ${create.errors} errors)` : ''}`,
  );
  console.log(
    `callbacks acknowledged (${kind.padEnd(8)}) ${fmt(callbacks.rps)} req/s  p50 ${callbacks.p50} ms  p99 ${callbacks.p99} ms  ${ratio(callbacks.rps)}${callbacks.non2xx || callbacks.errors ? `  (${callbacks.non2xx} non-2xx, ${callbacks.errors} errors)` : ''}`,
  );
  console.log(
    `results acknowledged (${kind.padEnd(8)})   ${fmt(results.rps)} req/s  p50 ${results.p50} ms  p99 ${results.p99} ms  ${((results.rps / resultsFloor.rps) * 100).toFixed(1)}% of its 1-insert floor${results.non2xx || results.errors ? `  (${results.non2xx} non-2xx, ${results.errors} errors)` : ''}`,
  );
  console.log(
    `1-insert floor (${kind.padEnd(8)})         ${fmt(resultsFloor.rps)} req/s  p50 ${resultsFloor.p50} ms  p99 ${resultsFloor.p99} ms  ${ratio(resultsFloor.rps)}`,
  );
  console.log(
    `webhooks delivered (${kind.padEnd(8)})     ${fmt(webhooksPerSecond)} /s      ${ratio(webhooksPerSecond)}`,
  );
}

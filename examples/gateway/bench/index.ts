/**
 * `pnpm bench` for the gateway, one run, real HTTP on loopback (autocannon), on PGlite and on
 * PostgreSQL, each path beside its floor — bare Hono doing only that path's database work on the
 * same database (see floors.ts) — as a ratio:
 *   - create payment: requests/s and p50/p99 latency, beside three transactions of two statements,
 *   - M-Pesa STK callbacks acknowledged, beside one insert of the body,
 *   - asynchronous M-Pesa results (B2C and the like) acknowledged, beside one insert of the body,
 *   - webhooks delivered per second (settlement → signed POST → 2xx → logged) to a local receiver,
 * and bare Hono hello-world, the machine's HTTP floor. Daraja (its simulator) runs in a process of
 * its own, as Daraja is elsewhere in production, for the gateway and the floor with the push alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildStkCallback } from '@malipo/daraja/testing';
import type { Database } from '../src/db/database.js';
import { newId } from '../src/ids/ids.js';
import { settlePayment } from '../src/payments/state-machine.js';
import { type DatabaseKind, scratchDatabase } from '../test/support/databases.js';
import { freePort } from '../test/support/free-port.js';
import { benchCredentials, startBenchGateway } from './bench-gateway.js';
import { callbackFloor, createFloor, helloWorld, resultFloor } from './floors.js';
import { connections, load, type Run, seconds, warmupSeconds } from './load.js';
import { startSimulatorProcess } from './simulator-process.js';

const idempotencyKeyHook = fileURLToPath(new URL('./idempotency-key.cjs', import.meta.url));

async function gatewayRuns(kind: DatabaseKind) {
  const database = await scratchDatabase(kind);
  // A receiver that answers 200 at once: the delivery path is the gateway's, not the receiver's.
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  const { apiKey, apiSecret } = benchCredentials;
  // Daraja (here its simulator) runs in a process of its own, as in production.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const simulator = await startSimulatorProcess(publicUrl);
  const gateway = await startBenchGateway(
    {
      ...database.env,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      MPESA_SIMULATOR_URL: simulator.url,
    },
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
    // Each floor runs first, on the same database, and each gateway run waits for the worker to
    // catch up (every body processed) so no backlog slows the next measurement.
    const createFloorRun = await createFloor(gateway.db, gateway.merchant.merchantId, body);
    const daraja = gateway.mpesa.forMode('test');
    const callbackUrl = await daraja.callbackUrl();
    const createPushFloor = await createFloor(gateway.db, gateway.merchant.merchantId, body, (id) =>
      daraja.daraja.stkPush({
        callbackUrl,
        amount: 100,
        phone: '254712345678',
        accountReference: id.slice(-12),
        transactionDesc: 'Bench',
      }),
    );
    const create = await load({
      url: `${url}/api/v1/payments`,
      method: 'POST',
      headers,
      body,
      // Each request its own Idempotency-Key (a file: the load runs in a worker thread).
      requests: [{ setupRequest: idempotencyKeyHook as never }],
    });

    const token = (
      await gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const callbackBody = JSON.stringify(
      buildStkCallback({ checkoutRequestId: 'ws_CO_bench_unmatched', resultCode: 0 }),
    );
    const callbacksFloor = await callbackFloor(gateway.db, callbackBody);
    const callbacks = await load({
      url: `${url}/callbacks/mpesa/${token}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: callbackBody,
    });
    const callbacksCaughtUp = await caughtUp(gateway.db, 'mpesa_callbacks');

    // Asynchronous results (B2C) for a payout the gateway does not know: stored, then processed
    // as unmatched.
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
    const resultsFloor = await resultFloor(gateway.db, resultBody);
    const results = await load({
      url: `${url}/callbacks/mpesa/${token}/results/payout/po_benchbenchbenchbench`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: resultBody,
    });
    const resultsCaughtUp = await caughtUp(gateway.db, 'mpesa_results');

    // Webhooks: settle N pending payments at once (each records an event and a delivery, which the relay queues), then
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
          settlePayment(tx, id, { to: 'COMPLETED', reason: 'callback' }),
        ),
      ),
    );
    const settled = performance.now();
    for (;;) {
      const rows = await gateway.db.query<{ n: string }>(
        `select count(*)::text as n from webhook_deliveries where status = 'DELIVERED' and url = $1`,
        [receiverUrl],
      );
      if (Number(rows[0]?.n) >= n) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = performance.now();
    const webhooks = {
      // From the first settlement to the last delivery logged: the whole path.
      endToEnd: n / ((done - started) / 1000),
      // From every delivery queued (all settlements committed) to the last logged.
      delivered: n / ((done - settled) / 1000),
    };
    return {
      create: [create, createFloorRun],
      createWithPush: [create, createPushFloor],
      callbacks: [callbacks, callbacksFloor],
      results: [results, resultsFloor],
      caughtUp: { callbacks: callbacksCaughtUp, results: resultsCaughtUp },
      webhooks,
    } as const;
  } finally {
    await gateway.close();
    simulator.close();
    receiver.close();
    await database.drop();
  }
}

/** Seconds from now until every stored body of `table` is processed. */
async function caughtUp(db: Database, table: 'mpesa_callbacks' | 'mpesa_results'): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rows = await db.query<{ n: string }>(
      `select count(*)::text as n from ${table} where processed_at is null`,
    );
    if (Number(rows[0]?.n) === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const baseline = await helloWorld();
const fmt = (n: number) => n.toFixed(0).padStart(6);
const problems = (run: Run) =>
  run.non2xx || run.errors ? `  (${run.non2xx} non-2xx, ${run.errors} errors)` : '';
const line = (label: string, run: Run) =>
  `${label.padEnd(34)} ${fmt(run.rps)} req/s  p50 ${String(run.p50).padStart(3)} ms  p99 ${String(run.p99).padStart(3)} ms`;
console.log(
  `\nGateway benchmark: ${seconds} s per run after ${warmupSeconds} s of warm-up, ${connections} connections, loopback (autocannon)\n`,
);
console.log(line('bare Hono hello-world', baseline));
for (const kind of (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(
  ',',
) as DatabaseKind[]) {
  const runs = await gatewayRuns(kind);
  console.log(`\n${kind}`);
  for (const [label, floorLabel, [gateway, floor]] of [
    ['create payment', 'floor: 3 transactions × 2 statements', runs.create],
    ['create payment', 'floor: the same and the STK push', runs.createWithPush],
    ['STK callback acknowledged', 'floor: 1 insert', runs.callbacks],
    ['B2C result acknowledged', 'floor: 1 insert', runs.results],
  ] as const) {
    console.log(
      `${line(`  ${label}`, gateway)}  ${(gateway.rps / floor.rps).toFixed(2)} of its floor${problems(gateway)}`,
    );
    console.log(`${line(`    ${floorLabel}`, floor)}${problems(floor)}`);
  }
  console.log(
    `  processing caught up ${runs.caughtUp.callbacks.toFixed(1)} s after the callback run, ${runs.caughtUp.results.toFixed(1)} s after the result run`,
  );
  console.log(
    `  ${'webhooks delivered'.padEnd(32)} ${fmt(runs.webhooks.delivered)} /s once queued; ${runs.webhooks.endToEnd.toFixed(0)} /s from settlement to logged`,
  );
}

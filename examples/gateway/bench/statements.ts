/**
 * `pnpm --filter @malipo/example-gateway bench:statements`: the database round trips each path
 * makes on PostgreSQL, statement by statement, with their mean time — the profile behind the
 * throughput figures (`pnpm bench`). Every statement node-postgres sends is counted (the API's
 * and pg-boss's) over 50 sequential requests per path, with no worker running so only the
 * request's own work shows.
 */
import { buildStkCallback } from '@malipo/daraja/testing';
import pg from 'pg';
import { scratchDatabase } from '../test/support/databases.js';
import { benchCredentials, startBenchGateway } from './bench-gateway.js';

const requests = 50;
const seen = new Map<string, { count: number; ms: number }>();
let counting = false;

// node-postgres sends every statement through Client#query, as a promise or with a callback.
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = (typeof first === 'string' ? first : (first?.text ?? '?')).replace(/\s+/g, ' ');
  const started = performance.now();
  const record = () => {
    if (!counting) return;
    const key = text.trim().slice(0, 110);
    const entry = seen.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - started;
    seen.set(key, entry);
  };
  const last = args.at(-1);
  if (typeof last === 'function') {
    args[args.length - 1] = (...results: unknown[]) => {
      record();
      return (last as (...a: unknown[]) => unknown)(...results);
    };
    return query.apply(this, args);
  }
  const result = query.apply(this, args) as Promise<unknown> | undefined;
  result?.then(record, () => {});
  return result;
};

const database = await scratchDatabase('postgres');
const { apiKey, apiSecret } = benchCredentials;
const gateway = await startBenchGateway(database.env, { api: true, worker: false });
const url = gateway.url as string;
const token = (
  await gateway.db.query<{ value: string }>(
    `select value from settings where name = 'mpesa_callback_token'`,
  )
)[0]?.value;

async function profile(name: string, send: (i: number) => Promise<Response>) {
  for (const warm of [-1, -2]) await (await send(warm)).text();
  seen.clear();
  counting = true;
  for (let i = 0; i < requests; i++) {
    const response = await send(i);
    if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
    await response.text();
  }
  counting = false;
  const total = [...seen.values()].reduce((sum, entry) => sum + entry.count, 0) / requests;
  console.log(`\n${name}: ${total.toFixed(1)} round trips per request`);
  for (const [text, entry] of [...seen].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `  ${(entry.count / requests).toFixed(1).padStart(4)} × ${(entry.ms / entry.count).toFixed(2).padStart(5)} ms  ${text}`,
    );
  }
}

try {
  await profile('create payment (with an Idempotency-Key)', (i) =>
    fetch(`${url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': apiKey,
        'x-api-secret': apiSecret,
        'idempotency-key': `statements-${i}`,
      },
      body: JSON.stringify({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678' },
      }),
    }),
  );
  await profile('STK callback acknowledged', (i) =>
    fetch(`${url}/callbacks/mpesa/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        buildStkCallback({ checkoutRequestId: `ws_CO_statements_${i}`, resultCode: 1032 }),
      ),
    }),
  );
} finally {
  await gateway.close();
  await database.drop();
}

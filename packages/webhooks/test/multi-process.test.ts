import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresIdempotencyStore } from '../src/stores/postgres.js';
import { generateWebhookSecret, signTestWebhook } from '../src/testing/index.js';
import { paymentCompletedEvent } from './support/events.js';
import { postgresUrl, redisUrl, uniqueName } from './support/services.js';

const packageDir = join(import.meta.dirname, '..');
const storeTable = uniqueName('deliveries');
const runsTable = uniqueName('runs');
const pool = new pg.Pool({ connectionString: postgresUrl, max: 2 });
const redis = createClient({ url: redisUrl });
const children: ChildProcess[] = [];

beforeAll(async () => {
  await redis.connect();
  await createPostgresIdempotencyStore({ pool, table: storeTable }).setup();
  await pool.query(
    `create table "${runsTable}" (delivery_id text not null, pid integer not null, at timestamptz default now())`,
  );
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

afterAll(async () => {
  await pool.query(`drop table if exists "${storeTable}"; drop table if exists "${runsTable}"`);
  await Promise.all([pool.end(), redis.close()]);
});

/** Starts one receiving process (support/delivery-server.ts) and resolves with its URL. */
async function startReceiver(env: Record<string, string>): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'support/delivery-server.ts')],
    {
      cwd: packageDir,
      env: { ...process.env, ...env, PG_URL: postgresUrl, REDIS_URL: redisUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void once(child, 'exit').then(([code]) => reject(new Error(`receiver exited (${code})`)));
  });
  return `http://127.0.0.1:${port}/webhooks`;
}

/**
 * Two receiving processes sharing a store; one signed delivery sent five times at once, three
 * copies to the first and two to the second. Returns the answers and how often the handler ran.
 */
async function deliverFiveTimes(storeKind: string) {
  const secret = generateWebhookSecret();
  const prefix = `${uniqueName(storeKind)}:`;
  const env = {
    STORE_KIND: storeKind,
    STORE_TABLE: storeTable,
    STORE_PREFIX: prefix,
    RUNS_TABLE: runsTable,
    WEBHOOK_SECRET: secret,
  };
  const [first, second] = await Promise.all([startReceiver(env), startReceiver(env)]);
  const signed = await signTestWebhook(paymentCompletedEvent(), { secret });
  const send = (url: string) =>
    fetch(url, { method: 'POST', headers: signed.headers, body: signed.body }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
    );
  const answers = await Promise.all([first, second, first, second, first].map((url) => send(url!)));
  // A sender retries what was answered 409; by now the winner has finished.
  const retries = await Promise.all([send(first!), send(second!)]);
  const deliveryId = `standard-webhooks:${signed.headers['webhook-id']}`;
  const { rows } = await pool.query(`select pid from "${runsTable}" where delivery_id = $1`, [
    deliveryId,
  ]);
  const counter = Number(await redis.get(`${prefix}runs`));
  await redis.del([`${prefix}runs`, `${prefix}${deliveryId}`]);
  return { answers, retries, runs: rows.length, counter, pids: new Set(rows.map((r) => r.pid)) };
}

describe('the same delivery sent 5 times concurrently to two server processes', () => {
  it.each(['postgres', 'redis'])(
    'sharing %s: the handler runs once',
    async (storeKind) => {
      const { answers, retries, runs, counter } = await deliverFiveTimes(storeKind);
      expect(runs).toBe(1);
      expect(counter).toBe(1);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      expect(answers.filter((a) => a.status === 200 && !a.body.duplicate)).toHaveLength(1);
      for (const retry of retries) {
        expect(retry).toEqual({ status: 200, body: { received: true, duplicate: true } });
      }
    },
    60_000,
  );

  it('control: with each process’s own in-memory store, both processes run it', async () => {
    const { runs, pids } = await deliverFiveTimes('memory');
    expect(runs).toBe(2);
    expect(pids.size).toBe(2);
  }, 60_000);
});

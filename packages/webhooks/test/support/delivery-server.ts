// One receiving process of the multi-process test: createWebhookHandler behind node:http on a
// loopback port, de-duplicating through the store named by STORE_KIND, and recording every
// run of its handler where the test can count them (a PostgreSQL row and a Redis counter).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  createMemoryIdempotencyStore,
  createWebhookHandler,
  type IdempotencyStore,
} from '@malipo/webhooks';
import { createPostgresIdempotencyStore } from '@malipo/webhooks/stores/postgres';
import { createRedisIdempotencyStore } from '@malipo/webhooks/stores/redis';
import pg from 'pg';
import { createClient } from 'redis';

/** A variable multi-process.test.ts sets for this process. */
function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`delivery-server: ${name} is not set; start it from the test.`);
  return value;
}
const pool = new pg.Pool({ connectionString: setting('PG_URL'), max: 4 });
const redis = await createClient({ url: setting('REDIS_URL') }).connect();

const stores: Record<string, () => IdempotencyStore> = {
  postgres: () => createPostgresIdempotencyStore({ pool, table: setting('STORE_TABLE') }),
  redis: () => createRedisIdempotencyStore({ client: redis, prefix: setting('STORE_PREFIX') }),
  // The control: each process remembers only its own deliveries.
  memory: () => createMemoryIdempotencyStore(),
};

const handle = createWebhookHandler({
  secret: setting('WEBHOOK_SECRET'),
  store: stores[setting('STORE_KIND')]!(),
  onEvent: async (_event, { deliveryId }) => {
    // Long enough for every concurrent copy to arrive while this one runs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pool.query(`insert into "${setting('RUNS_TABLE')}" (delivery_id, pid) values ($1, $2)`, [
      deliveryId,
      process.pid,
    ]);
    await redis.incr(`${setting('STORE_PREFIX')}runs`);
  },
});

const server = createServer(async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const request = new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const response = await handle(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});

process.on('SIGTERM', () => {
  server.close();
  void Promise.allSettled([pool.end(), redis.close()]).then(() => process.exit(0));
});

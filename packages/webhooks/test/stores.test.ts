import { Redis as IoRedis } from 'ioredis';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../src/index.js';
import {
  createDurableObjectIdempotencyStore,
  type DurableObjectNamespaceLike,
} from '../src/stores/durable-object.js';
import {
  createPostgresIdempotencyStore,
  type PostgresIdempotencyStore,
  type PostgresQueryable,
} from '../src/stores/postgres.js';
import { createRedisIdempotencyStore, type RedisCommandClient } from '../src/stores/redis.js';
import { generateWebhookSecret } from '../src/testing/index.js';
import { startDeliveryWorker } from './support/miniflare.js';
import { postgresUrl, redisUrl, uniqueName } from './support/services.js';

const pool = new pg.Pool({ connectionString: postgresUrl, max: 8 });
const nodeRedis = createClient({ url: redisUrl });
const ioRedis = new IoRedis(redisUrl, { lazyConnect: true });
const table = uniqueName('deliveries');
const prefix = `${uniqueName('keys')}:`;
let postgresStore: PostgresIdempotencyStore;
// The Durable Object store runs in workerd (Miniflare); the test calls its objects from Node.
let worker: Awaited<ReturnType<typeof startDeliveryWorker>>;
let deliveryObjects: DurableObjectNamespaceLike;

beforeAll(async () => {
  await Promise.all([nodeRedis.connect(), ioRedis.connect()]);
  worker = await startDeliveryWorker(generateWebhookSecret());
  deliveryObjects = await worker.getDurableObjectNamespace('WEBHOOK_DELIVERIES');
  postgresStore = createPostgresIdempotencyStore({ pool, table });
  // Two processes starting at once both run setup: it must not fail either.
  await Promise.all([postgresStore.setup(), postgresStore.setup()]);
}, 60_000);

afterAll(async () => {
  await pool.query(`drop table if exists "${table}"`);
  const keys = await nodeRedis.keys(`${prefix}*`);
  if (keys.length > 0) await nodeRedis.del(keys);
  await Promise.all([pool.end(), nodeRedis.close(), ioRedis.quit(), worker?.dispose()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stores: [string, () => IdempotencyStore][] = [
  ['memory', () => createMemoryIdempotencyStore()],
  ['postgres (pg.Pool)', () => postgresStore],
  ['redis (node-redis)', () => createRedisIdempotencyStore({ client: nodeRedis, prefix })],
  ['redis (ioredis)', () => createRedisIdempotencyStore({ client: ioRedis, prefix })],
  [
    'durable object (workerd)',
    () => createDurableObjectIdempotencyStore({ namespace: deliveryObjects }),
  ],
];

describe.each(stores)('IdempotencyStore: %s', (_name, make) => {
  const key = () => `standard-webhooks:msg_${crypto.randomUUID()}`;

  it('claims a new delivery once; a copy sees it in progress, then done', async () => {
    const store = make();
    const id = key();
    expect(await store.begin(id, 10_000, 'a')).toBe('new');
    expect(await store.begin(id, 10_000, 'b')).toBe('in_progress');
    await store.complete(id, 10_000, 'a');
    expect(await store.begin(id, 10_000, 'c')).toBe('done');
  });

  it('twenty concurrent claims: exactly one wins', async () => {
    const store = make();
    const id = key();
    const states = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.begin(id, 10_000, `owner_${i}`)),
    );
    expect(states.filter((s) => s === 'new')).toHaveLength(1);
    expect(states.filter((s) => s === 'in_progress')).toHaveLength(19);
  });

  it('release frees only its own claim; a released delivery can be claimed again', async () => {
    const store = make();
    const id = key();
    expect(await store.begin(id, 10_000, 'a')).toBe('new');
    await store.release(id, 'someone-else');
    expect(await store.begin(id, 10_000, 'b')).toBe('in_progress');
    await store.release(id, 'a');
    expect(await store.begin(id, 10_000, 'b')).toBe('new');
  });

  it('an expired lease is taken over, and the late owner cannot free the takeover', async () => {
    const store = make();
    const id = key();
    expect(await store.begin(id, 60, 'slow')).toBe('new');
    await sleep(150);
    expect(await store.begin(id, 10_000, 'fresh')).toBe('new');
    await store.release(id, 'slow');
    expect(await store.begin(id, 10_000, 'third')).toBe('in_progress');
  });

  it('release after complete keeps the delivery done', async () => {
    const store = make();
    const id = key();
    await store.begin(id, 10_000, 'a');
    await store.complete(id, 10_000, 'a');
    await store.release(id, 'a');
    expect(await store.begin(id, 10_000, 'b')).toBe('done');
  });

  it('forgets a done delivery after its ttl', async () => {
    const store = make();
    const id = key();
    await store.begin(id, 10_000, 'a');
    await store.complete(id, 60, 'a');
    await sleep(150);
    expect(await store.begin(id, 10_000, 'b')).toBe('new');
  });
});

describe('PostgreSQL store upkeep', () => {
  it('prune deletes expired rows only', async () => {
    const live = `live_${crypto.randomUUID()}`;
    const dead = `dead_${crypto.randomUUID()}`;
    await postgresStore.begin(live, 60_000, 'a');
    await postgresStore.begin(dead, 1, 'a');
    await sleep(20);
    expect(await postgresStore.prune()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query(`select delivery_id from "${table}"`);
    const ids = rows.map((r: { delivery_id: string }) => r.delivery_id);
    expect(ids).toContain(live);
    expect(ids).not.toContain(dead);
  });

  it('works on a pg.Client as well as a Pool', async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const store = createPostgresIdempotencyStore({ pool: client, table });
      const id = `client_${crypto.randomUUID()}`;
      expect(await store.begin(id, 10_000, 'a')).toBe('new');
      expect(await store.begin(id, 10_000, 'b')).toBe('in_progress');
    } finally {
      await client.end();
    }
  });

  it('refuses a table name that is not an identifier, before any SQL runs', () => {
    for (const bad of ['deliveries; drop table users', 'a"b', '', 'x.y.z']) {
      expect(() => createPostgresIdempotencyStore({ pool, table: bad })).toThrow(
        expect.objectContaining({ name: 'WebhookOptionsError', field: 'table' }),
      );
    }
    expect(createPostgresIdempotencyStore({ pool, table: 'public.deliveries' }).schema).toContain(
      'create table if not exists "public"."deliveries"',
    );
  });
});

describe('the stores need only the drivers’ types', () => {
  it('pg, node-redis and ioredis clients fit the structural interfaces', () => {
    expectTypeOf<pg.Pool>().toExtend<PostgresQueryable>();
    expectTypeOf<pg.Client>().toExtend<PostgresQueryable>();
    expectTypeOf<pg.PoolClient>().toExtend<PostgresQueryable>();
    expectTypeOf(nodeRedis).toExtend<RedisCommandClient>();
    expectTypeOf<IoRedis>().toExtend<RedisCommandClient>();
  });

  it('refuses something that is not a Redis client when built', () => {
    expect(() => createRedisIdempotencyStore({ client: {} as never })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'client' }),
    );
  });
});

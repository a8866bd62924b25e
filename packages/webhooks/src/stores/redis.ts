/**
 * `@malipo/webhooks/stores/redis` — an {@link IdempotencyStore} in Redis, so that every
 * process receiving the same sender's webhooks runs the handler once per delivery. A claim is
 * `SET key owner NX PX lockMs`; a release is a compare-and-delete script, so an attempt that
 * outlived its lease never frees the claim of the attempt that took over. Bring your own
 * node-redis or ioredis client: this module imports no driver.
 *
 * @module @malipo/webhooks/stores/redis
 */
import { WebhookOptionsError } from '../errors/options-error.js';
import type { DeliveryState, IdempotencyStore } from '../idempotency/store.js';

/** node-redis (`createClient()` from `redis`, v4 and later): raw commands go through `sendCommand`. */
export interface NodeRedisCommands {
  /** Sends one raw command, e.g. `['SET', key, owner, 'NX', 'PX', '30000']`. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** ioredis (`new Redis()`, or a `Cluster`): raw commands go through `call`. */
export interface IoRedisCommands {
  /** Sends one raw command, e.g. `call('SET', key, owner, 'NX', 'PX', '30000')`. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** A Redis client the store can send raw commands through: node-redis or ioredis. */
export type RedisCommandClient = NodeRedisCommands | IoRedisCommands;

/** Options of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** A connected node-redis or ioredis client; share your app's. */
  client: RedisCommandClient;
  /**
   * Put before every delivery id, to keep these keys apart from your app's.
   * @default 'malipo:webhook:'
   */
  prefix?: string | undefined;
}

// Deletes the key only while it still holds this attempt's claim.
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const inProgress = (owner: string) => `in_progress:${owner}`;
// Redis wants whole, positive milliseconds.
const px = (ms: number) => String(Math.max(1, Math.ceil(ms)));

/**
 * An {@link IdempotencyStore} in Redis, for several processes or hosts sharing one Redis.
 * Entries expire by themselves (`PX`), so there is nothing to prune. Works with Redis 2.6.12
 * and later, Valkey, and hosted Redis that allows `EVAL`.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createRedisIdempotencyStore } from '@malipo/webhooks/stores/redis';
 *
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * export const POST = createWebhookHandler({ secret, store: createRedisIdempotencyStore({ client: redis }), onEvent });
 */
export function createRedisIdempotencyStore(
  options: RedisIdempotencyStoreOptions,
): IdempotencyStore {
  const { client } = options;
  const prefix = options.prefix ?? 'malipo:webhook:';
  if (typeof prefix !== 'string') {
    throw new WebhookOptionsError('prefix', `expected a string, got ${typeof prefix}.`);
  }
  const command = toCommand(client);

  return {
    async begin(key, lockMs, owner) {
      const id = prefix + key;
      // Two tries: a claim that expires or is released between SET and GET leaves nothing to
      // report, and the next SET then wins or sees its successor.
      for (let attempt = 0; attempt < 2; attempt++) {
        if ((await command(['SET', id, inProgress(owner), 'NX', 'PX', px(lockMs)])) !== null) {
          return 'new';
        }
        const value = await command(['GET', id]);
        const state = value === null ? undefined : String(value).split(':', 1)[0];
        if (state === 'in_progress' || state === 'done') return state as DeliveryState;
      }
      return 'in_progress';
    },
    async complete(key, ttlMs, owner) {
      await command(['SET', prefix + key, `done:${owner}`, 'PX', px(ttlMs)]);
    },
    async release(key, owner) {
      await command(['EVAL', releaseScript, '1', prefix + key, inProgress(owner)]);
    },
  };
}

/** One way to send a raw command, whichever client this is. */
function toCommand(client: RedisCommandClient): (args: string[]) => Promise<unknown> {
  // ioredis also has a `sendCommand`, taking a Command object: prefer its `call`.
  if (typeof (client as IoRedisCommands)?.call === 'function') {
    const io = client as IoRedisCommands;
    return async (args) => normalise(await io.call(args[0] as string, ...args.slice(1)));
  }
  if (typeof (client as NodeRedisCommands)?.sendCommand === 'function') {
    const node = client as NodeRedisCommands;
    return async (args) => normalise(await node.sendCommand(args));
  }
  throw new WebhookOptionsError(
    'client',
    'expected a connected node-redis client (createClient() from redis) or an ioredis client.',
  );
}

/** Both clients answer nil as `null`; some setups answer bulk strings as Buffers. */
function normalise(reply: unknown): unknown {
  if (reply === null || reply === undefined) return null;
  return reply instanceof Uint8Array ? new TextDecoder().decode(reply) : reply;
}

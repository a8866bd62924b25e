/**
 * `@malipo/webhooks/stores/durable-object` — an {@link IdempotencyStore} on Cloudflare Durable
 * Objects, so that a Worker runs the handler once per delivery across every isolate and
 * location. Each delivery id gets its own object (`idFromName`), whose storage is consistent
 * and whose requests run one at a time: the claim is a read and a write no other request can
 * come between. Workers KV cannot do this (it is eventually consistent, with no
 * compare-and-set), so it is not offered.
 *
 * In the Worker: export {@link WebhookDeliveryObject} from the module, bind it, and hand the
 * binding to {@link createDurableObjectIdempotencyStore}, also when the handler is built per
 * request from `c.env` (the state lives in the objects, not in the store).
 *
 * ```jsonc
 * // wrangler.jsonc
 * {
 *   "durable_objects": {
 *     "bindings": [{ "name": "WEBHOOK_DELIVERIES", "class_name": "WebhookDeliveryObject" }]
 *   },
 *   "migrations": [{ "tag": "v1", "new_sqlite_classes": ["WebhookDeliveryObject"] }]
 * }
 * ```
 *
 * @module @malipo/webhooks/stores/durable-object
 */
import { WebhookOptionsError } from '../errors/options-error.js';
import type { DeliveryState, IdempotencyStore } from '../idempotency/store.js';

/** The part of a Durable Object's `state.storage` the delivery object uses. */
export interface DurableObjectStorageLike {
  /** Reads a stored value. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a value. */
  put<T>(key: string, value: T): Promise<void>;
  /** Deletes a value; answers whether there was one. */
  delete(key: string): Promise<boolean>;
  /** Schedules `alarm()`, which deletes the entry once it has expired. */
  setAlarm(scheduledTime: number): Promise<void>;
}

/** The `state` a Durable Object's constructor receives (`DurableObjectState`). */
export interface DurableObjectStateLike {
  storage: DurableObjectStorageLike;
}

/** The request the store sends an object: one JSON command. */
export interface DeliveryObjectRequestInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The part of an object's answer the store reads. */
export interface DeliveryObjectResponse {
  ok: boolean;
  status: number;
  /** The body as text (an error's explanation). */
  text(): Promise<string>;
  /** The body as JSON (the command's answer). */
  json(): Promise<unknown>;
}

/**
 * A stub of one object (`namespace.get(id)`): the store talks to it over `fetch`. Narrow on
 * purpose, so Workers' own `DurableObjectNamespace` and Miniflare's both fit.
 */
export interface DurableObjectStubLike {
  /** Sends the object one command. */
  fetch(input: string, init: DeliveryObjectRequestInit): Promise<DeliveryObjectResponse>;
}

/** A Durable Object namespace binding (`env.WEBHOOK_DELIVERIES`). */
export interface DurableObjectNamespaceLike<Id = unknown> {
  /** The id of the object named `name` (the same name always gives the same object). */
  idFromName(name: string): Id;
  /** A stub to talk to the object `id`. */
  get(id: Id): DurableObjectStubLike;
}

/** What one delivery's object remembers. */
interface Entry {
  state: 'in_progress' | 'done';
  owner: string;
  expiresAt: number;
}

type Command =
  | { op: 'begin'; lockMs: number; owner: string }
  | { op: 'complete'; ttlMs: number; owner: string }
  | { op: 'release'; owner: string };

const entryKey = 'entry';

/**
 * The Durable Object class holding one delivery's claim. Export it from your Worker's module
 * under this name (or any name your binding's `class_name` gives). It answers only the store's
 * own requests, which reach it through its binding, never from the internet.
 */
export class WebhookDeliveryObject {
  readonly #storage: DurableObjectStorageLike;

  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#storage = state.storage;
  }

  /** Runs one store command: `begin`, `complete` or `release`. */
  async fetch(request: Request): Promise<Response> {
    let command: Command;
    try {
      command = parseCommand(await request.json());
    } catch (error) {
      return Response.json({ error: (error as Error).message }, { status: 400 });
    }
    // No other request reaches this object while its storage calls are in flight (the input
    // gate), so the read and the write below are one step.
    const now = Date.now();
    const stored = await this.#storage.get<Entry>(entryKey);
    const entry = stored && stored.expiresAt > now ? stored : undefined;
    switch (command.op) {
      case 'begin': {
        if (entry) return Response.json({ state: entry.state });
        await this.#remember({
          state: 'in_progress',
          owner: command.owner,
          expiresAt: now + command.lockMs,
        });
        return Response.json({ state: 'new' });
      }
      case 'complete':
        await this.#remember({
          state: 'done',
          owner: command.owner,
          expiresAt: now + command.ttlMs,
        });
        return Response.json({});
      case 'release':
        if (entry?.state === 'in_progress' && entry.owner === command.owner) {
          await this.#storage.delete(entryKey);
        }
        return Response.json({});
    }
  }

  /** Forgets an expired entry, so an object costs no storage after its TTL. */
  async alarm(): Promise<void> {
    const entry = await this.#storage.get<Entry>(entryKey);
    if (!entry) return;
    if (entry.expiresAt <= Date.now()) await this.#storage.delete(entryKey);
    else await this.#storage.setAlarm(entry.expiresAt);
  }

  async #remember(entry: Entry): Promise<void> {
    await this.#storage.put(entryKey, entry);
    await this.#storage.setAlarm(entry.expiresAt);
  }
}

function parseCommand(body: unknown): Command {
  const command = body as Partial<Record<string, unknown>> | null;
  const owner = command?.owner;
  if (typeof owner !== 'string') throw new Error('owner: expected a string.');
  const ms = (name: string) => {
    const value = command?.[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`${name}: expected a positive number of milliseconds.`);
    }
    return value;
  };
  switch (command?.op) {
    case 'begin':
      return { op: 'begin', lockMs: ms('lockMs'), owner };
    case 'complete':
      return { op: 'complete', ttlMs: ms('ttlMs'), owner };
    case 'release':
      return { op: 'release', owner };
    default:
      throw new Error('op: expected begin, complete or release.');
  }
}

/** Options of {@link createDurableObjectIdempotencyStore}. */
export interface DurableObjectIdempotencyStoreOptions {
  /** The binding of {@link WebhookDeliveryObject} (`env.WEBHOOK_DELIVERIES`). */
  namespace: DurableObjectNamespaceLike;
  /**
   * Put before every delivery id in the object's name, to keep several handlers' deliveries
   * apart in one namespace.
   * @default 'malipo:webhook:'
   */
  prefix?: string | undefined;
}

/**
 * An {@link IdempotencyStore} on Durable Objects: one {@link WebhookDeliveryObject} per
 * delivery id. Cheap to build, so building it per request (from `c.env`) is fine.
 *
 * @example
 * import { createWebhookHandler } from '@malipo/webhooks';
 * import { createDurableObjectIdempotencyStore, WebhookDeliveryObject } from '@malipo/webhooks/stores/durable-object';
 *
 * export { WebhookDeliveryObject };
 * export default {
 *   fetch: (request: Request, env: Env) =>
 *     createWebhookHandler({
 *       secret: env.MALIPO_WEBHOOK_SECRET,
 *       store: createDurableObjectIdempotencyStore({ namespace: env.WEBHOOK_DELIVERIES }),
 *       onEvent: async (event) => { ... },
 *     })(request),
 * };
 */
export function createDurableObjectIdempotencyStore(
  options: DurableObjectIdempotencyStoreOptions,
): IdempotencyStore {
  const { namespace } = options;
  if (typeof namespace?.idFromName !== 'function' || typeof namespace.get !== 'function') {
    throw new WebhookOptionsError(
      'namespace',
      'expected a Durable Object namespace binding (env.WEBHOOK_DELIVERIES) bound to WebhookDeliveryObject.',
    );
  }
  const prefix = options.prefix ?? 'malipo:webhook:';
  if (typeof prefix !== 'string') {
    throw new WebhookOptionsError('prefix', `expected a string, got ${typeof prefix}.`);
  }

  const send = async (key: string, command: Command): Promise<{ state?: DeliveryState }> => {
    const stub = namespace.get(namespace.idFromName(prefix + key));
    // The host is never resolved: a stub's fetch goes to the object itself.
    const response = await stub.fetch(`https://webhook-delivery.invalid/${command.op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
    if (!response.ok) {
      throw new Error(
        `The webhook delivery object answered ${response.status} to ${command.op}: ${await response.text()}. Is the binding's class WebhookDeliveryObject?`,
      );
    }
    return (await response.json()) as { state?: DeliveryState };
  };

  return {
    async begin(key, lockMs, owner) {
      const { state } = await send(key, { op: 'begin', lockMs, owner });
      if (state !== 'new' && state !== 'in_progress' && state !== 'done') {
        throw new Error(`The webhook delivery object answered an unknown state: ${String(state)}.`);
      }
      return state;
    },
    async complete(key, ttlMs, owner) {
      await send(key, { op: 'complete', ttlMs, owner });
    },
    async release(key, owner) {
      await send(key, { op: 'release', owner });
    },
  };
}

import type { DurableObjectNamespace } from '@cloudflare/workers-types/experimental';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createDurableObjectIdempotencyStore,
  type DurableObjectNamespaceLike,
} from '../src/stores/durable-object.js';
import { generateWebhookSecret, signTestWebhook } from '../src/testing/index.js';
import { paymentCompletedEvent } from './support/events.js';
import { startDeliveryWorker } from './support/miniflare.js';

const secret = generateWebhookSecret();
let worker: Miniflare;

beforeAll(async () => {
  worker = await startDeliveryWorker(secret);
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
});

/** Sends one signed delivery `copies` times at once to `path`; answers the statuses. */
async function sendConcurrently(path: string, copies: number) {
  const id = `msg_${crypto.randomUUID()}`;
  const { body, headers } = await signTestWebhook(paymentCompletedEvent(`evt_${id}`), {
    secret,
    id,
  });
  const statuses = await Promise.all(
    Array.from({ length: copies }, async () => {
      const response = await worker.dispatchFetch(`http://worker.test${path}`, {
        method: 'POST',
        headers,
        body,
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const runs = await worker.getKVNamespace('RUNS');
  // The handler's deliveryId is the scheme's name and the delivery's id.
  const { keys } = await runs.list({ prefix: `standard-webhooks:${id}:` });
  return { statuses, runs: keys.length };
}

describe('Durable Object store, in workerd (Miniflare)', () => {
  it('the same delivery sent 5 times at once to a handler built per request runs once', async () => {
    const { statuses, runs } = await sendConcurrently('/durable-object', 5);
    expect(runs).toBe(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // The others find it in progress (409, retried by the sender) or already done (200 duplicate).
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
  });

  it('control: the default in-memory store, built per request, runs it more than once', async () => {
    const { runs } = await sendConcurrently('/memory', 5);
    expect(runs).toBeGreaterThan(1);
  });

  it('a redelivery after the handler finished is answered as a duplicate', async () => {
    const id = `msg_${crypto.randomUUID()}`;
    const { body, headers } = await signTestWebhook(paymentCompletedEvent(`evt_${id}`), {
      secret,
      id,
    });
    const send = () =>
      worker.dispatchFetch('http://worker.test/durable-object', { method: 'POST', headers, body });
    expect(await (await send()).json()).toEqual({ received: true });
    expect(await (await send()).json()).toEqual({ received: true, duplicate: true });
  });

  it('the object answers 400 to a request that is not a store command', async () => {
    const namespace = await worker.getDurableObjectNamespace('WEBHOOK_DELIVERIES');
    const stub = namespace.get(namespace.idFromName('malipo:webhook:bad'));
    const response = await stub.fetch('https://webhook-delivery.invalid/begin', {
      method: 'POST',
      body: JSON.stringify({ op: 'begin', lockMs: -1, owner: 'a' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'lockMs: expected a positive number of milliseconds.',
    });
  });

  it('refuses something that is not a namespace binding when built', () => {
    expect(() => createDurableObjectIdempotencyStore({ namespace: {} as never })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'namespace' }),
    );
  });

  it('Workers’ and Miniflare’s namespace types fit the structural interface', () => {
    expectTypeOf<DurableObjectNamespace>().toExtend<DurableObjectNamespaceLike>();
    type MiniflareNamespace = Awaited<ReturnType<Miniflare['getDurableObjectNamespace']>>;
    expectTypeOf<MiniflareNamespace>().toExtend<DurableObjectNamespaceLike>();
  });
});

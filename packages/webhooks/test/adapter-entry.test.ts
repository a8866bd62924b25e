import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildStkCallback } from '@malipo/daraja/testing';
import * as adapter from '@malipo/webhooks/adapter';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as daraja from '../src/daraja.js';
import * as main from '../src/index.js';
import { buildSignedRequest, generateWebhookSecret } from '../src/testing/index.js';

const pathToken = 'cb_2c26b46b68ffc68ff99b453c1d304134';

describe('@malipo/webhooks/adapter', () => {
  it('is what a framework adapter needs: the webhook core, the two bridges, the route token bounds', () => {
    expect(Object.keys(adapter).sort()).toEqual([
      'createWebhookCore',
      'handleFetchRequest',
      'handleNodeRequest',
      'lastSegmentBounds',
      'readNodeBody',
      'screenNodeRequest',
      'toFetchResponse',
    ]);
    // Adapters built against the main entry keep working.
    expect(main.createWebhookCore).toBe(adapter.createWebhookCore);
    expect(main.handleNodeRequest).toBe(adapter.handleNodeRequest);
  });

  it('both cores have one shape', () => {
    expectTypeOf<main.WebhookCore>().toEqualTypeOf<adapter.HandlerCore>();
    expectTypeOf<daraja.DarajaCallbackCore>().toEqualTypeOf<adapter.HandlerCore>();
    expectTypeOf(adapter.createWebhookCore).returns.toEqualTypeOf<adapter.HandlerCore>();
    expectTypeOf(daraja.createDarajaCallbackCore).returns.toEqualTypeOf<adapter.HandlerCore>();
  });

  it('handleFetchRequest answers a body read before it with the adapter’s fix, once reported', async () => {
    const secret = generateWebhookSecret();
    const onError = vi.fn();
    const onEvent = vi.fn();
    const core = adapter.createWebhookCore({ secret, onEvent, onError });
    const request = await buildSignedRequest(
      'https://shop.example/webhooks',
      { id: 'e' },
      { secret },
    );
    await request.text();
    const response = await adapter.handleFetchRequest(core, request, {
      mountingHint: 'Mount it first, like this.',
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('body_already_parsed');
    expect(body.error.message).toMatch(/Mount it first, like this\.$/);
    expect(onError).toHaveBeenCalledOnce();
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('handleFetchRequest passes the peer address and hands acknowledge-first work to waitUntil', async () => {
    const onCallback = vi.fn();
    const core = daraja.createDarajaCallbackCore({
      pathToken,
      onCallback,
      allowlist: { allow: ['196.201.214.200'] },
    });
    const pending: Promise<unknown>[] = [];
    const response = await adapter.handleFetchRequest(
      core,
      new Request(`https://shop.example/mpesa/callback/${pathToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_adapter' })),
      }),
      { remoteAddress: '196.201.214.200', waitUntil: (p) => pending.push(p) },
    );
    expect(response.status).toBe(200);
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
    expect(onCallback).toHaveBeenCalledOnce();
  });

  it('a core without screen (written before it existed) still runs through both bridges', async () => {
    const handled: string[] = [];
    const core: adapter.HandlerCore = {
      maxBodyBytes: 1024,
      fail: () => ({ status: 500, headers: {}, body: '' }),
      async handle(request) {
        handled.push(String(request.body instanceof Uint8Array ? request.body.length : ''));
        return { status: 200, headers: {}, body: 'ok' };
      },
    };
    const fetched = await adapter.handleFetchRequest(
      core,
      new Request('https://shop.example/hook', { method: 'POST', body: 'abc' }),
    );
    expect(fetched.status).toBe(200);
    const body = (async function* () {
      yield new TextEncoder().encode('abcd');
    })();
    const nodeAnswer = await adapter.handleNodeRequest(
      core,
      Object.assign(body, { method: 'POST', url: '/hook', headers: {} }),
      {},
      'hint',
    );
    expect(nodeAnswer.status).toBe(200);
    expect(handled).toEqual(['3', '4']);
  });

  it('a body that fails to read for a reason of this side is a 500, not the sender’s cut', async () => {
    const onError = vi.fn();
    const core = adapter.createWebhookCore({
      secret: generateWebhookSecret(),
      onEvent: vi.fn(),
      onError,
    });
    const broken = (async function* () {
      yield new Uint8Array(1);
      throw new TypeError('object-mode chunk');
    })();
    const answer = await adapter.handleNodeRequest(
      core,
      Object.assign(broken, {
        method: 'POST',
        url: '/hook',
        headers: { 'content-type': 'application/json' },
      }),
      {},
      'hint',
    );
    expect(answer.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError), expect.anything());
  });

  it('is published, with the same Node split as the main entry', async () => {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8'));
    expect(Object.keys(pkg.exports['./adapter'])).toEqual(['node', 'default']);
    expect(pkg.publishConfig.exports['./adapter'].node.import.default).toBe(
      './dist/adapter.node.js',
    );
    expect(pkg.publishConfig.exports['./adapter'].require.default).toBe('./dist/adapter.cjs');
    expect(pkg.sideEffects).toContain('./dist/adapter.node.js');
  });
});

describe('one claim → run → complete/release sequence for both cores', () => {
  const recordingStore = () => {
    const calls: string[] = [];
    const store: main.IdempotencyStore = {
      begin: (key, lockMs) => {
        calls.push(`begin ${key} ${lockMs}`);
        return 'new';
      },
      complete: (key, ttlMs) => {
        calls.push(`complete ${key} ${ttlMs}`);
      },
      release: (key) => {
        calls.push(`release ${key}`);
      },
    };
    return { calls, store };
  };

  it('the Daraja guard takes lockMs and dedupeTtlMs like the webhook handler', async () => {
    const { calls, store } = recordingStore();
    const handler = daraja.createDarajaCallbackHandler({
      pathToken,
      onCallback: () => {},
      allowlist: false,
      mode: 'process-first',
      store,
      lockMs: 5_000,
      dedupeTtlMs: 9_000,
    });
    const body = JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_lock' }));
    const response = await handler(
      new Request(`https://shop.example/mpesa/callback/${pathToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    expect(response.status).toBe(200);
    expect(calls).toEqual(['begin stk:ws_CO_lock 5000', 'complete stk:ws_CO_lock 9000']);
  });

  it('a failing handler releases its claim in both cores', async () => {
    const secret = generateWebhookSecret();
    const webhook = recordingStore();
    const handle = main.createWebhookHandler({
      secret,
      store: webhook.store,
      parse: (text) => JSON.parse(text),
      onEvent: () => {
        throw new Error('down');
      },
    });
    const request = await buildSignedRequest('https://x.example/w', { id: 'e1' }, { secret });
    expect((await handle(request)).status).toBe(500);
    expect(webhook.calls.map((c) => c.split(' ')[0])).toEqual(['begin', 'release']);

    const guardStore = recordingStore();
    const guard = daraja.createDarajaCallbackHandler({
      pathToken,
      allowlist: false,
      mode: 'process-first',
      store: guardStore.store,
      onCallback: () => {
        throw new Error('down');
      },
    });
    const callback = new Request(`https://shop.example/mpesa/callback/${pathToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_fail' })),
    });
    expect((await guard(callback)).status).toBe(500);
    expect(guardStore.calls.map((c) => c.split(' ')[0])).toEqual(['begin', 'release']);
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryIdempotencyStore,
  createWebhookHandler,
  githubHmac,
  stripeSignature,
  webhookSignatureHmac,
} from '../src/index.js';
import {
  buildSignedRequest,
  generateWebhookSecret,
  signTestWebhook,
} from '../src/testing/index.js';
import { paymentCompletedEvent } from './support/events.js';

const event = paymentCompletedEvent('evt_1');
const url = 'https://merchant.example/webhooks';

describe('createWebhookHandler (fetch)', () => {
  it('verifies, parses the typed event and calls onEvent once per delivery', async () => {
    const secret = generateWebhookSecret();
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent });
    const request = await buildSignedRequest(url, event, { secret, id: 'msg_1' });
    const again = request.clone();
    expect((await handler(request)).status).toBe(200);
    expect(await (await handler(again)).json()).toEqual({ received: true, duplicate: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent.mock.calls[0]![0]).toMatchObject({
      event: 'payment.completed',
      amount_cents: 250_000,
    });
    expect(onEvent.mock.calls[0]![1]).toMatchObject({ deliveryId: 'standard-webhooks:msg_1' });
  });

  it('a very long signed delivery id is stored short, and still told apart and de-duplicated', async () => {
    const secret = generateWebhookSecret();
    const keys: string[] = [];
    const memory = createMemoryIdempotencyStore();
    const store = {
      begin: (key: string, lockMs: number, owner: string) => {
        keys.push(key);
        return memory.begin(key, lockMs, owner);
      },
      complete: memory.complete,
      release: memory.release,
    };
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent, store });
    const long = (tail: string) => `msg_${'x'.repeat(60_000)}${tail}`;
    for (const id of [long('a'), long('a'), long('b')]) {
      expect((await handler(await buildSignedRequest(url, event, { secret, id }))).status).toBe(
        200,
      );
    }
    expect(onEvent).toHaveBeenCalledTimes(2);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThan(200);
    expect(new Set(keys).size).toBe(2);
    // The handler still names the delivery by its full id.
    expect(onEvent.mock.calls[0]![1].deliveryId).toBe(`standard-webhooks:${long('a')}`);
  });

  it('concurrent copies of one delivery run the handler once; the others get 409 or 200', async () => {
    const secret = generateWebhookSecret();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const onEvent = vi.fn(() => gate);
    const handler = createWebhookHandler({ secret, onEvent });
    const signed = await signTestWebhook(event, { secret });
    const send = () =>
      handler(new Request(url, { method: 'POST', headers: signed.headers, body: signed.body }));
    const first = send();
    await new Promise((r) => setTimeout(r, 10));
    const concurrent = await send();
    expect(concurrent.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('de-duplicates schemes without a delivery id on the event id, then the body hash', async () => {
    const secret = 'plain-secret';
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, scheme: webhookSignatureHmac, onEvent });
    const signed = await signTestWebhook(event, { secret, scheme: webhookSignatureHmac });
    for (let i = 0; i < 3; i++)
      await handler(
        new Request(url, { method: 'POST', headers: signed.headers, body: signed.body }),
      );
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent.mock.calls[0]![1].deliveryId).toBe('x-webhook-signature:evt_1');

    const noId = '{"event":"custom.thing"}';
    const signedNoId = await signTestWebhook(noId, { secret, scheme: githubHmac });
    const gh = createWebhookHandler({
      secret,
      scheme: githubHmac,
      onEvent: vi.fn(),
      parse: (t) => JSON.parse(t),
    });
    const response = await gh(
      new Request(url, { method: 'POST', headers: signedNoId.headers, body: signedNoId.body }),
    );
    expect(response.status).toBe(200);
  });

  it('a replay under a new unsigned delivery id (GitHub) still runs the handler once', async () => {
    const secret = 'gh-secret';
    const onEvent = vi.fn();
    const handler = createWebhookHandler({
      secret,
      scheme: githubHmac,
      onEvent,
      parse: (text) => JSON.parse(text),
    });
    const signed = await signTestWebhook('{"action":"opened","number":7}', {
      secret,
      scheme: githubHmac,
    });
    for (const delivery of ['d-original', 'attacker-2', 'attacker-3']) {
      const response = await handler(
        new Request(url, {
          method: 'POST',
          headers: { ...signed.headers, 'x-github-delivery': delivery },
          body: signed.body,
        }),
      );
      expect(response.status).toBe(200);
    }
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent.mock.calls[0]![1].deliveryId).toMatch(/^github:sha256:[0-9a-f]{64}$/);
  });

  it('the memory store releases only its own claim: a late failure never frees a takeover', () => {
    let now = 0;
    const store = createMemoryIdempotencyStore({ now: () => now });
    expect(store.begin('k', 1_000, 'a')).toBe('new');
    now = 1_500; // a's lock ran out while its handler still runs
    expect(store.begin('k', 1_000, 'b')).toBe('new');
    store.release('k', 'a'); // a fails late
    expect(store.begin('k', 1_000, 'c')).toBe('in_progress');
    store.complete('k', 60_000, 'b');
    store.release('k', 'c');
    expect(store.begin('k', 1_000, 'd')).toBe('done');
  });

  it('works with Stripe signatures and a custom parser', async () => {
    const secret = 'whsec_stripe';
    const onEvent = vi.fn();
    const handler = createWebhookHandler({
      secret,
      scheme: stripeSignature,
      parse: (t) => JSON.parse(t) as { type: string },
      onEvent,
    });
    const request = await buildSignedRequest(
      url,
      { id: 'evt_s', type: 'charge.succeeded' },
      { secret, scheme: stripeSignature },
    );
    expect((await handler(request)).status).toBe(200);
    expect(onEvent.mock.calls[0]![0]).toEqual({ id: 'evt_s', type: 'charge.succeeded' });
  });

  it.each([
    ['GET', { method: 'GET' }, 405, 'method_not_allowed'],
    ['text body', { headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
    [
      'declared oversize',
      { headers: { 'content-length': String(2_000_000) } },
      413,
      'payload_too_large',
    ],
  ] as const)('%s → %i', async (_what, init, status, code) => {
    const secret = generateWebhookSecret();
    const handler = createWebhookHandler({ secret, onEvent: vi.fn() });
    const signed = await signTestWebhook(event, { secret });
    const i = init as { method?: string; headers?: Record<string, string> };
    const request = new Request(url, {
      method: i.method ?? 'POST',
      headers: { ...signed.headers, ...i.headers },
      body: i.method === 'GET' ? undefined : signed.body,
    });
    const response = await handler(request);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('streams with a limit: an oversized chunked body is refused without buffering it all', async () => {
    const secret = generateWebhookSecret();
    const handler = createWebhookHandler({ secret, onEvent: vi.fn(), maxBodyBytes: 1024 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(512));
      },
    });
    const request = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await handler(request)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('a body already read → body_already_parsed (500) with the fix', async () => {
    const secret = generateWebhookSecret();
    const handler = createWebhookHandler({ secret, onEvent: vi.fn() });
    const request = await buildSignedRequest(url, event, { secret });
    await request.json();
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'body_already_parsed',
        message: expect.stringMatching(/before anything that reads the body/),
      },
    });
  });

  it('a malformed known event → 400 invalid_payload; an unknown event type passes through', async () => {
    const secret = generateWebhookSecret();
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ secret, onEvent });
    const bad = await buildSignedRequest(url, { ...event, amount_cents: 10.5 }, { secret });
    expect(await (await handler(bad)).json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const future = await buildSignedRequest(
      url,
      { id: 'evt_f', event: 'payment.disputed', extra: true },
      { secret },
    );
    expect((await handler(future)).status).toBe(200);
    expect(onEvent).toHaveBeenCalledWith(
      { id: 'evt_f', event: 'payment.disputed', extra: true },
      expect.anything(),
    );
  });

  it('handler failure → 500 without details; the claim is released for a retry', async () => {
    const secret = generateWebhookSecret();
    const store = createMemoryIdempotencyStore();
    const onError = vi.fn();
    let calls = 0;
    const handler = createWebhookHandler({
      secret,
      store,
      onError,
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('db password is hunter2');
      },
    });
    const request = await buildSignedRequest(url, event, { secret });
    const retry = request.clone();
    const first = await handler(request);
    expect(first.status).toBe(500);
    expect(await first.text()).not.toContain('hunter2');
    expect(onError).toHaveBeenCalledOnce();
    expect((await handler(retry)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('requires onEvent', () => {
    expect(() => createWebhookHandler({ secret: 'x' } as never)).toThrow(/onEvent/);
  });

  it('refuses a missing secret when built, not with a 500 on every delivery', () => {
    const onEvent = () => {};
    for (const secret of [undefined, null, '', '  ', [], ['whsec_ok', '']]) {
      expect(() => createWebhookHandler({ secret, onEvent } as never), String(secret)).toThrow(
        /`secret`: must be your endpoint's signing secret/,
      );
    }
    expect(() =>
      createWebhookHandler({
        secret: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2Vjb25kIHNlY3JldA=='],
        onEvent,
      }),
    ).not.toThrow();
    // One that is there but could never verify (not base64) is refused too.
    expect(() => createWebhookHandler({ secret: 'whsec_a', onEvent })).toThrow(
      /`secret`: standard-webhooks cannot use it: a whsec_ secret must be base64/,
    );
  });
});

import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { buildStkCallback } from '@malipo/daraja/testing';
import { malipoWebhook, malipoWebhookHandler } from '@malipo/fastify';
import {
  darajaCallback,
  darajaCallbackHandler,
  type FastifyDarajaCallbackOptions,
} from '@malipo/fastify/daraja';
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { redactLastSegment } from '../src/raw-route.js';

async function listen(app: FastifyInstance): Promise<AdapterServer> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

describeAdapterContract('fastify', {
  mountingFix: /app\.register\(malipoWebhook\(/,
  readsBodyItself: true,
  async start({ webhook, daraja }: MountOptions) {
    const app = Fastify();
    await app.register(malipoWebhook({ path: '/webhooks', ...webhook }));
    await app.register(darajaCallback({ path: '/mpesa/callback/:token', ...daraja }));
    return listen(app);
  },
  async startBehindJsonParser({ webhook, daraja }: MountOptions) {
    // Bare handlers in the root scope, where Fastify's own JSON parser runs first.
    const app = Fastify();
    app.post('/webhooks', malipoWebhookHandler(webhook));
    app.post('/mpesa/callback/:token', darajaCallbackHandler(daraja));
    return listen(app);
  },
});

const payment = (metadata: Record<string, string> = {}) => ({
  id: `evt_${crypto.randomUUID()}`,
  event: 'payment.completed',
  payment_id: 'pay_123',
  merchant_id: 'mer_1',
  status: 'COMPLETED',
  amount_cents: 150_000,
  currency: 'KES',
  provider: 'mpesa',
  provider_reference: 'RKL1234ABC',
  timestamp: '2026-11-24T10:00:00.000Z',
  metadata: { note: 'Chai na maandazi ☕ — café', ...metadata },
});

/** The callback guard's options for callbacks from this machine, processed before answering. */
const loopbackGuard = (
  path: string,
  pathToken: string,
  onCallback: FastifyDarajaCallbackOptions['onCallback'] = () => {},
): FastifyDarajaCallbackOptions => ({
  path,
  pathToken,
  allowlist: { allow: ['127.0.0.1', '::1'] },
  mode: 'process-first',
  onCallback,
});

describe('fastify specifics', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function serve(build: (app: FastifyInstance) => Promise<void>, bodyLimit?: number) {
    const app = Fastify(bodyLimit ? { bodyLimit } : {});
    apps.push(app);
    await build(app);
    return app.listen({ host: '127.0.0.1', port: 0 });
  }

  function webhookOptions(maxBodyBytes?: number) {
    const secret = generateWebhookSecret();
    const received: (GatewayEvent | UnknownGatewayEvent)[] = [];
    const onEvent = (event: GatewayEvent | UnknownGatewayEvent) => void received.push(event);
    return { secret, received, options: { secret, onEvent, maxBodyBytes } };
  }

  it('other routes keep Fastify’s JSON parsing', async () => {
    const { secret, received, options } = webhookOptions();
    const url = await serve(async (app) => {
      await app.register(malipoWebhook({ path: '/webhooks', ...options }));
      app.post('/orders', async (request) => ({ parsed: request.body }));
    });
    // Pretty-printed and non-ASCII: re-serialised or re-encoded bytes would not verify.
    const signed = await signTestWebhook(JSON.stringify(payment(), null, 2), { secret });
    const hook = await fetch(`${url}/webhooks`, { method: 'POST', ...signed });
    expect(hook.status).toBe(200);
    expect(received).toHaveLength(1);
    const order = await fetch(`${url}/orders`, {
      method: 'POST',
      body: '{"sku":"chai"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await order.json()).toEqual({ parsed: { sku: 'chai' } });
  });

  it('maxBodyBytes, not Fastify’s bodyLimit, decides; over it → 413 in the core’s envelope', async () => {
    const { secret, received, options } = webhookOptions(8192);
    const url = await serve(async (app) => {
      await app.register(malipoWebhook({ path: '/webhooks', ...options }));
    }, 1024);
    const post = (body: BodyInit, headers: Record<string, string>) =>
      fetch(`${url}/webhooks`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

    const mid = await signTestWebhook(payment({ padding: 'x'.repeat(3000) }), { secret });
    expect((await post(mid.body, mid.headers)).status).toBe(200);

    const big = await signTestWebhook(payment({ padding: 'x'.repeat(10_000) }), { secret });
    const declared = await post(big.body, big.headers);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    // Streamed without a content-length: the limit holds while reading.
    const stream = new Blob([big.body]).stream();
    const streamed = await post(stream, big.headers);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(received).toHaveLength(1);
  });

  it('a malformed content type → 415 in the core’s envelope', async () => {
    const { secret, options } = webhookOptions();
    const url = await serve(async (app) => {
      await app.register(malipoWebhook({ path: '/webhooks', ...options }));
    });
    const signed = await signTestWebhook(payment(), { secret });
    const response = await fetch(`${url}/webhooks`, {
      method: 'POST',
      body: signed.body,
      headers: { ...signed.headers, 'content-type': 'json' },
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('the bare handler works in the raw-body scope the fix describes', async () => {
    const { secret, received, options } = webhookOptions();
    const url = await serve(async (app) => {
      await app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
          done(null, body);
        });
        scope.post('/webhooks', malipoWebhookHandler(options));
      });
    });
    const signed = await signTestWebhook(payment(), { secret });
    const response = await fetch(`${url}/webhooks`, { method: 'POST', ...signed });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('Daraja guard under a register prefix finds its token in the full URL', async () => {
    const token = 'cb_9f86d081884c7d659a2feaa0c55ad015';
    const settled: string[] = [];
    const url = await serve(async (app) => {
      await app.register(
        darajaCallback(
          loopbackGuard('/callback/:token', token, (callback) => {
            settled.push(callback.checkoutRequestId);
          }),
        ),
        { prefix: '/mpesa' },
      );
    });
    const response = await fetch(`${url}/mpesa/callback/${token}`, {
      method: 'POST',
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_fastify', amount: 100 })),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    expect(settled).toEqual(['ws_CO_fastify']);
  });

  it('maxBodyBytes: Infinity lifts the limit here too, not down to Fastify’s 1 MiB', async () => {
    const { secret, received, options } = webhookOptions(Number.POSITIVE_INFINITY);
    const url = await serve(async (app) => {
      await app.register(malipoWebhook({ path: '/webhooks', ...options }));
    });
    const big = await signTestWebhook(payment({ padding: 'x'.repeat(2 * 1024 * 1024) }), {
      secret,
    });
    expect((await fetch(`${url}/webhooks`, { method: 'POST', ...big })).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('the logged URL is redacted in linear time, whatever its length', () => {
    expect(redactLastSegment('/mpesa/callback/cb_x//?a=1')).toBe(
      '/mpesa/callback/[redacted]//?a=1',
    );
    expect(redactLastSegment('/')).toBe('/');
    // The segment the guard reads as the token, before a fragment; a backtracking expression
    // took minutes over a long segment followed by "/b".
    const tail = `#${'a'.repeat(200_000)}/b`;
    expect(redactLastSegment(`/mpesa/callback/x${tail}`)).toBe(`/mpesa/callback/[redacted]${tail}`);
    expect(redactLastSegment(`/x/${'a'.repeat(200_000)}/${'/'.repeat(100)}z/`)).toBe(
      `/x/${'a'.repeat(200_000)}/${'/'.repeat(100)}[redacted]/`,
    );
  });

  it('request logs never hold the Daraja route token, right or wrong', async () => {
    const token = 'cb_5feceb66ffc86f38d952786c6d696c79';
    const lines: string[] = [];
    const app = Fastify({ logger: { stream: { write: (line: string) => lines.push(line) } } });
    apps.push(app);
    await app.register(darajaCallback(loopbackGuard('/mpesa/callback/:token', token)));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const body = JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_log', amount: 100 }));
    const headers = { 'content-type': 'application/json' };
    const guess = 'cb_guess_7f3a9c2d';
    const right = await fetch(`${url}/mpesa/callback/${token}?a=1`, {
      method: 'POST',
      body,
      headers,
    });
    const wrong = await fetch(`${url}/mpesa/callback/${guess}`, { method: 'POST', body, headers });
    expect([right.status, wrong.status]).toEqual([200, 404]);
    const logged = lines.join('');
    expect(logged).toContain('"url":"/mpesa/callback/[redacted]?a=1"');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(guess);
  });
});

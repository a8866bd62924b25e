import { serve } from '@hono/node-server';
import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { buildStkCallback } from '@malipo/daraja/testing';
import { malipoWebhook } from '@malipo/hono';
import { darajaCallback } from '@malipo/hono/daraja';
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import { type Context, Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';

function listen(app: Hono): Promise<AdapterServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets from fetch would otherwise hold the server open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}

function mount(app: Hono, { webhook, daraja }: MountOptions): Hono {
  app.post('/webhooks', malipoWebhook(webhook));
  app.post('/mpesa/callback/:token', darajaCallback(daraja));
  return app;
}

describeAdapterContract('hono', {
  mountingFix: /before middleware that reads c\.req\.raw/,
  async start(options) {
    return listen(mount(new Hono(), options));
  },
  async startBehindJsonParser(options) {
    const app = new Hono();
    // A hand-rolled JSON parser on the raw Request: Hono has no copy of those bytes.
    app.use(async (c, next) => {
      if (c.req.header('content-type')?.includes('json')) {
        await c.req.raw.json().catch(() => undefined);
      }
      await next();
    });
    return listen(mount(app, options));
  },
});

const payment = () => ({
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
  metadata: { note: 'Chai na maandazi ☕ — café' },
});

function webhookApp() {
  const secret = generateWebhookSecret();
  const received: (GatewayEvent | UnknownGatewayEvent)[] = [];
  const handler = malipoWebhook({ secret, onEvent: (event) => void received.push(event) });
  return { secret, received, handler, app: new Hono() };
}

const post = (signed: { body: string; headers: Record<string, string> }) => ({
  method: 'POST',
  body: signed.body,
  headers: signed.headers,
});

describe('hono in process (app.request)', () => {
  it('valid delivery → 200 and the typed event', async () => {
    const { secret, received, handler, app } = webhookApp();
    app.post('/webhooks', handler);
    const response = await app.request(
      '/webhooks',
      post(await signTestWebhook(payment(), { secret })),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(received.map((event) => event.event)).toEqual(['payment.completed']);
  });

  it('tampered body → 400 signature_mismatch, handler not called', async () => {
    const { secret, received, handler, app } = webhookApp();
    app.post('/webhooks', handler);
    const signed = await signTestWebhook(payment(), { secret });
    const response = await app.request(
      '/webhooks',
      post({ ...signed, body: signed.body.replace('150000', '150001') }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'signature_mismatch' } });
    expect(received).toHaveLength(0);
  });

  const readers: [string, (c: Context) => Promise<unknown>][] = [
    ['c.req.json()', (c) => c.req.json()],
    ['c.req.text()', (c) => c.req.text()],
    ['c.req.arrayBuffer()', (c) => c.req.arrayBuffer()],
  ];

  it.each(readers)(
    'a middleware that read %s first → verified from Hono’s cache',
    async (_, read) => {
      const { secret, received, handler, app } = webhookApp();
      let seen: unknown;
      app.use(async (c, next) => {
        seen = await read(c);
        await next();
      });
      app.post('/webhooks', handler);
      // Pretty-printed and non-ASCII: a re-serialised or re-encoded body would not verify.
      const signed = await signTestWebhook(JSON.stringify(payment(), null, 2), { secret });
      const response = await app.request('/webhooks', post(signed));
      expect(seen).toBeTruthy();
      expect(response.status).toBe(200);
      expect(received).toHaveLength(1);
    },
  );

  it('a form post a middleware consumed is the sender’s mistake (415), not a mounting error (500)', async () => {
    const onError = vi.fn();
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.raw.text();
      await next();
    });
    app.post(
      '/webhooks',
      malipoWebhook({ secret: generateWebhookSecret(), onEvent: () => {}, onError }),
    );
    const response = await app.request('/webhooks', {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(onError).toHaveBeenCalledOnce();
  });

  it('an unset secret fails when the route is built, naming the option', () => {
    const unset = process.env.MALIPO_TEST_UNSET_SECRET as string;
    expect(() => malipoWebhook({ secret: unset, onEvent: () => {} })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'secret' }),
    );
    expect(() => darajaCallback({ pathToken: unset, onCallback: () => {} })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'pathToken' }),
    );
  });

  describe('Daraja guard', () => {
    const token = 'cb_9f86d081884c7d659a2feaa0c55ad015';
    const callback = (id: string) => ({
      method: 'POST',
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: id, amount: 100 })),
      headers: { 'content-type': 'application/json' },
    });

    it('no socket and no getRemoteAddress → 403, the allowlist sees no address', async () => {
      const app = new Hono();
      const settled: string[] = [];
      app.post(
        '/mpesa/callback/:token',
        darajaCallback({
          pathToken: token,
          allowlist: { allow: ['127.0.0.1'] },
          onCallback: (stk) => void settled.push(stk.checkoutRequestId),
        }),
      );
      const response = await app.request(`/mpesa/callback/${token}`, callback('ws_CO_1'));
      expect(response.status).toBe(403);
      expect(settled).toEqual([]);
    });

    it('getRemoteAddress feeds the allowlist; acknowledge-first work goes to executionCtx.waitUntil', async () => {
      const app = new Hono();
      const settled: string[] = [];
      const waited: Promise<unknown>[] = [];
      app.post(
        '/mpesa/callback/:token',
        darajaCallback({
          pathToken: token,
          allowlist: { allow: ['196.201.214.200'] },
          getRemoteAddress: (c) => c.req.header('cf-connecting-ip'),
          onCallback: (stk) => void settled.push(stk.checkoutRequestId),
        }),
      );
      const executionCtx = {
        waitUntil: (promise: Promise<unknown>) => void waited.push(promise),
        passThroughOnException() {},
        props: {},
      };
      const send = (ip: string) =>
        app.request(
          `/mpesa/callback/${token}`,
          { ...callback('ws_CO_2'), headers: { ...callback('').headers, 'cf-connecting-ip': ip } },
          undefined,
          executionCtx,
        );
      expect((await send('203.0.113.9')).status).toBe(403);
      const accepted = await send('196.201.214.200');
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
      expect(waited).toHaveLength(1);
      await Promise.all(waited);
      expect(settled).toEqual(['ws_CO_2']);
    });
  });
});

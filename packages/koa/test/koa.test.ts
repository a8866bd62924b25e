import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import { Router } from '@koa/router';
import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { malipoWebhook } from '@malipo/koa';
import { darajaCallback } from '@malipo/koa/daraja';
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import Koa, { type Middleware } from 'koa';
import { afterEach, describe, expect, it } from 'vitest';

function listen(app: Koa): Promise<AdapterServer> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function routes({ webhook, daraja }: MountOptions) {
  const router = new Router();
  router.post('/webhooks', malipoWebhook(webhook));
  router.post('/mpesa/callback/:token', darajaCallback(daraja));
  return router.routes();
}

async function readText(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describeAdapterContract('koa', {
  mountingFix: /before any body parser/,
  async start(options) {
    const app = new Koa();
    app.use(routes(options));
    app.use(bodyParser()); // the rest of the API, after the webhook routes
    return listen(app);
  },
  async startBehindJsonParser(options) {
    // A JSON parser that keeps no raw text (like koa-body without includeUnparsed).
    const app = new Koa();
    app.use(async (ctx, next) => {
      if (ctx.is('json')) ctx.request.body = JSON.parse(await readText(ctx.req));
      await next();
    });
    app.use(routes(options));
    return listen(app);
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

describe('koa with @koa/bodyparser', () => {
  const servers: AdapterServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** Mounts the webhook and an `/orders` route that echoes its parsed body, after `front`. */
  async function serve(front: Middleware[]) {
    const secret = generateWebhookSecret();
    const received: (GatewayEvent | UnknownGatewayEvent)[] = [];
    const app = new Koa();
    for (const middleware of front) app.use(middleware);
    const router = new Router();
    router.post('/webhooks', malipoWebhook({ secret, onEvent: (e) => void received.push(e) }));
    app.use(router.routes());
    app.use(bodyParser());
    app.use((ctx) => {
      ctx.body = { parsed: ctx.request.body };
    });
    const server = await listen(app);
    servers.push(server);
    // Pretty-printed and non-ASCII: re-serialised or re-encoded bytes would not verify.
    const signed = await signTestWebhook(JSON.stringify(payment(), null, 2), { secret });
    const hook = await fetch(`${server.url}/webhooks`, { method: 'POST', ...signed });
    const order = await fetch(`${server.url}/orders`, {
      method: 'POST',
      body: '{"sku":"chai"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await order.json()).toEqual({ parsed: { sku: 'chai' } });
    return { hook, received };
  }

  it('mounted before the parser → verified from the stream; other routes parsed', async () => {
    const { hook, received } = await serve([]);
    expect(hook.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('parser in front (default options) → verified from ctx.request.rawBody', async () => {
    const { hook, received } = await serve([bodyParser()]);
    expect(hook.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  // With enableRawChecking, @koa/bodyparser adopts a body parsed before Koa (as some
  // serverless platforms do). Without raw bytes beside it, the signed bytes are gone.
  const preParsed = (keepRaw: boolean): Middleware => {
    return async (ctx, next) => {
      const raw = await readText(ctx.req);
      const req = ctx.req as unknown as { body?: unknown; rawBody?: unknown };
      req.body = JSON.parse(raw);
      if (keepRaw) req.rawBody = Buffer.from(raw);
      await next();
    };
  };

  it('parser in front adopting a pre-parsed body, no raw bytes → body_already_parsed', async () => {
    const { hook, received } = await serve([
      preParsed(false),
      bodyParser({ enableRawChecking: true }),
    ]);
    expect(hook.status).toBe(500);
    const body = (await hook.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('body_already_parsed');
    expect(body.error.message).toMatch(/before any body parser/);
    expect(received).toHaveLength(0);
  });

  it('the same, with the platform’s raw bytes in req.rawBody → verified', async () => {
    const { hook, received } = await serve([
      preParsed(true),
      bodyParser({ enableRawChecking: true }),
    ]);
    expect(hook.status).toBe(200);
    expect(received).toHaveLength(1);
  });
});

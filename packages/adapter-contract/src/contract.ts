import { connect } from 'node:net';
import { buildStkCallback } from '@malipo/daraja/testing';
import {
  type GatewayEvent,
  isWebhookVerificationError,
  standardWebhooks,
  type UnknownGatewayEvent,
  type WebhookHandlerOptions,
} from '@malipo/webhooks';
import type { DarajaCallbackOptions } from '@malipo/webhooks/daraja';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

/** What a test server mounts: the gateway webhook at `/webhooks`, Daraja at `/mpesa/callback/:token`. */
export interface MountOptions {
  webhook: WebhookHandlerOptions;
  daraja: DarajaCallbackOptions;
}

export interface AdapterServer {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  close(): Promise<void>;
}

export interface AdapterHarness {
  /** Starts the framework with the adapter mounted as its README says. */
  start(options: MountOptions): Promise<AdapterServer>;
  /** Starts it with a global JSON body parser in front (the classic mistake). */
  startBehindJsonParser(options: MountOptions): Promise<AdapterServer>;
  /** Words the `body_already_parsed` message must contain for this framework's fix. */
  mountingFix: RegExp;
  /** The framework reads request bodies before the adapter's handler runs (Fastify). */
  readsBodyItself?: boolean;
}

type Received = { event: GatewayEvent | UnknownGatewayEvent; deliveryId: string };

/**
 * Sends a request over a raw socket: `head` (request line and headers), then `body`, then
 * either waits for the answer's status line or, with `abort`, resets the connection. Answers
 * the status, or `'no answer'` when none came within `waitMs` (a server waiting for a body
 * that will never come).
 */
async function rawRequest(
  url: string,
  head: string,
  body: string,
  { abort = false, waitMs = 5_000 }: { abort?: boolean; waitMs?: number } = {},
): Promise<number | 'no answer' | 'aborted'> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`${head.replaceAll('\n', '\r\n')}\r\n\r\n${body}`);
  if (abort) {
    // Let the server start reading the body, then reset the connection mid-body.
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.resetAndDestroy();
    return 'aborted';
  }
  let received = '';
  const status = await new Promise<number | 'no answer'>((resolve) => {
    const timer = setTimeout(() => resolve('no answer'), waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
  });
  socket.destroy();
  return status;
}

const token = 'cb_9f86d081884c7d659a2feaa0c55ad015';

function paymentEvent(id = `evt_${crypto.randomUUID()}`) {
  return {
    id,
    event: 'payment.completed',
    payment_id: 'pay_123',
    merchant_id: 'mer_1',
    status: 'COMPLETED',
    amount_cents: 150_000,
    currency: 'KES',
    provider: 'mpesa',
    provider_reference: 'RKL1234ABC',
    timestamp: '2026-11-24T10:00:00.000Z',
    metadata: { order_reference: 'ORD-9' },
  };
}

/**
 * The shared behaviour: valid → handler once with the typed event; tampered, wrong secret,
 * stale, future, missing headers → documented 4xx and handler not called; duplicates once;
 * parsed body → `body_already_parsed` with the fix; handler throws → 500; Daraja guard; fuzzing.
 */
export function describeAdapterContract(framework: string, harness: AdapterHarness): void {
  describe(`${framework} adapter contract`, () => {
    const servers: AdapterServer[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    const setup = async (
      overrides: Partial<WebhookHandlerOptions> = {},
      behindParser = false,
      darajaOverrides: Partial<DarajaCallbackOptions> = {},
    ) => {
      const secret = generateWebhookSecret();
      const received: Received[] = [];
      const callbacks: string[] = [];
      const options: MountOptions = {
        webhook: {
          secret,
          onEvent: (event, context) => {
            received.push({ event, deliveryId: context.deliveryId });
          },
          ...overrides,
        },
        daraja: {
          pathToken: token,
          allowlist: { allow: ['127.0.0.1', '::1'] },
          mode: 'process-first',
          onCallback: (callback) => {
            callbacks.push(callback.checkoutRequestId);
          },
          ...darajaOverrides,
        },
      };
      const server = await (behindParser
        ? harness.startBehindJsonParser(options)
        : harness.start(options));
      servers.push(server);
      const post = async (body: string, headers: Record<string, string>, path = '/webhooks') =>
        fetch(`${server.url}${path}`, { method: 'POST', body, headers });
      return { secret, received, callbacks, server, post };
    };

    it('valid delivery → 200 and the handler gets the typed event once', async () => {
      const { secret, received, post } = await setup();
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const response = await post(signed.body, signed.headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true });
      expect(received).toHaveLength(1);
      const event = received[0]!.event;
      expect(event.event).toBe('payment.completed');
      if (event.event === 'payment.completed')
        expect((event as GatewayEvent & { amount_cents: number }).amount_cents).toBe(150_000);
    });

    it('the same delivery twice → handler called once, both answered 200', async () => {
      const { secret, received, post } = await setup();
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const [a, b] = [
        await post(signed.body, signed.headers),
        await post(signed.body, signed.headers),
      ];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await b.json()).toEqual({ received: true, duplicate: true });
      expect(received).toHaveLength(1);
    });

    const rejections: [
      string,
      (
        s: { body: string; headers: Record<string, string> },
        secret: string,
      ) => Promise<{ body: string; headers: Record<string, string> }>,
      number,
      string,
    ][] = [
      [
        'tampered body',
        async (s) => ({ ...s, body: s.body.replace('150000', '150001') }),
        400,
        'signature_mismatch',
      ],
      [
        'wrong secret',
        async (s) => signTestWebhook(JSON.parse(s.body), { secret: generateWebhookSecret() }),
        400,
        'signature_mismatch',
      ],
      [
        'stale timestamp',
        async (s, secret) =>
          signTestWebhook(JSON.parse(s.body), {
            secret,
            timestamp: Math.floor(Date.now() / 1000) - 3600,
          }),
        400,
        'timestamp_too_old',
      ],
      [
        'future timestamp',
        async (s, secret) =>
          signTestWebhook(JSON.parse(s.body), {
            secret,
            timestamp: Math.floor(Date.now() / 1000) + 3600,
          }),
        400,
        'timestamp_too_new',
      ],
      [
        'missing signature header',
        async (s) => ({ ...s, headers: { ...s.headers, 'webhook-signature': '' } }),
        400,
        'missing_header',
      ],
      [
        'missing all headers',
        async (s) => ({ body: s.body, headers: { 'content-type': 'application/json' } }),
        400,
        'missing_header',
      ],
      [
        'wrong content type',
        async (s) => ({ ...s, headers: { ...s.headers, 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
      ],
    ];

    it.each(rejections)('%s → %i %s, handler not called', async (_what, mutate, status, code) => {
      const { secret, received, post } = await setup();
      const signed = await mutate(await signTestWebhook(paymentEvent(), { secret }), secret);
      const response = await post(signed.body, signed.headers);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
      expect(received).toHaveLength(0);
    });

    it('body over the limit → 413, handler not called', async () => {
      const { secret, received, post } = await setup({ maxBodyBytes: 2048 });
      const event = { ...paymentEvent(), metadata: { padding: 'x'.repeat(4096) } };
      const signed = await signTestWebhook(event, { secret });
      const response = await post(signed.body, signed.headers);
      expect(response.status).toBe(413);
      expect(received).toHaveLength(0);
    });

    it('a declared length over the limit → 413 before any of the body is read', async () => {
      const { secret, received, server } = await setup({ maxBodyBytes: 2048 });
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const headers = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`);
      // 50 MB declared, a few bytes sent, the connection kept open: a server that reads before
      // it refuses waits here for a body that never comes.
      const status = await rawRequest(
        server.url,
        ['POST /webhooks HTTP/1.1', 'host: 127.0.0.1', 'content-length: 50000000', ...headers].join(
          '\n',
        ),
        signed.body.slice(0, 19),
      );
      expect(status).toBe(413);
      expect(received).toHaveLength(0);
    });

    it('a signed body that is not UTF-8 → 400 invalid_payload, handler not called', async () => {
      const { secret, received, server } = await setup();
      const text = JSON.stringify({ ...paymentEvent(), event: 'test.bytes', name: '__' });
      const bytes = new TextEncoder().encode(text);
      const at = text.indexOf('__');
      bytes.set([0xff, 0xfe], at);
      const headers = await standardWebhooks.sign(bytes, { secret });
      const response = await fetch(`${server.url}/webhooks`, {
        method: 'POST',
        body: bytes,
        headers: { ...headers, 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_payload' } });
      expect(received).toHaveLength(0);
    });

    it('a valid signature header line followed by another → 200, handler once', async () => {
      const { secret, received, post } = await setup();
      const signed = await signTestWebhook(paymentEvent(), { secret });
      // Two header lines reach the server as one value joined with ", ".
      const response = await post(signed.body, {
        ...signed.headers,
        'webhook-signature': `${signed.headers['webhook-signature']}, v1,AAAA`,
      });
      expect(response.status).toBe(200);
      expect(received).toHaveLength(1);
    });

    it('a sender closing the connection mid-body is not reported as a handler failure', async () => {
      const errors: unknown[] = [];
      const { secret, received, server } = await setup({ onError: (error) => errors.push(error) });
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const headers = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`);
      await rawRequest(
        server.url,
        [
          'POST /webhooks HTTP/1.1',
          'host: 127.0.0.1',
          `content-length: ${signed.body.length}`,
          ...headers,
        ].join('\n'),
        signed.body.slice(0, 40),
        { abort: true },
      );
      // The bridge reads the body and reports the cut: wait for it. A framework that reads the
      // body itself (Fastify) drops the request before the handler: nothing to report.
      for (let i = 0; i < 60 && errors.length === 0 && !harness.readsBodyItself; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (!harness.readsBodyItself) expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(isWebhookVerificationError(error) && error.code).toBe('body_incomplete');
      }
      expect(received).toHaveLength(0);
    });

    it('handler throws → 500, and a redelivery is processed again', async () => {
      let attempts = 0;
      const { secret, post } = await setup({
        onEvent: () => {
          attempts += 1;
          if (attempts === 1) throw new Error('database down');
        },
      });
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const first = await post(signed.body, signed.headers);
      expect(first.status).toBe(500);
      expect(await first.text()).not.toContain('database down');
      expect((await post(signed.body, signed.headers)).status).toBe(200);
      expect(attempts).toBe(2);
    });

    it('an onError that throws changes no answer: an unsigned delivery is still a 400', async () => {
      const { post } = await setup({
        onError: () => {
          throw new Error('logger down (DB_PASSWORD=hunter2)');
        },
      });
      const response = await post(JSON.stringify(paymentEvent()), {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('hunter2');
    });

    it('global JSON body parser in front → body_already_parsed naming the fix', async () => {
      const { secret, received, post } = await setup({}, true);
      const signed = await signTestWebhook(paymentEvent(), { secret });
      const response = await post(signed.body, signed.headers);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('body_already_parsed');
      expect(response.status).toBe(500);
      expect(body.error.message).toMatch(harness.mountingFix);
      expect(received).toHaveLength(0);
    });

    describe('Daraja callback guard', () => {
      const callbackBody = (checkoutRequestId: string) =>
        JSON.stringify(buildStkCallback({ checkoutRequestId, amount: 100 }));
      const json = { 'content-type': 'application/json' };

      it('acknowledges as Safaricom expects and processes a CheckoutRequestID once', async () => {
        const { callbacks, post } = await setup();
        const body = callbackBody('ws_CO_adapter_1');
        const first = await post(body, json, `/mpesa/callback/${token}`);
        const second = await post(body, json, `/mpesa/callback/${token}`);
        expect(first.status).toBe(200);
        expect(await first.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
        expect(second.status).toBe(200);
        expect(callbacks).toEqual(['ws_CO_adapter_1']);
      });

      it('wrong token or foreign address → 404 or 403 before any of the body is read', async () => {
        const { server } = await setup({}, false, { allowlist: { allow: ['196.201.214.200'] } });
        const head = (path: string) =>
          [
            `POST ${path} HTTP/1.1`,
            'host: 127.0.0.1',
            'content-type: application/json',
            'content-length: 50000000',
          ].join('\n');
        expect(await rawRequest(server.url, head('/mpesa/callback/cb_guess_guess'), '{')).toBe(404);
        expect(await rawRequest(server.url, head(`/mpesa/callback/${token}`), '{')).toBe(403);
      });

      it('a callback that is not UTF-8 → 400, not processed', async () => {
        const { callbacks, server } = await setup();
        // ASCII text, so a character's index is its byte's.
        const text = callbackBody('ws_CO_bytes').replace('"ResultDesc":"', '"ResultDesc":"__');
        const bytes = new TextEncoder().encode(text);
        bytes.set([0xff, 0xfe], text.indexOf('__'));
        const response = await fetch(`${server.url}/mpesa/callback/${token}`, {
          method: 'POST',
          body: bytes,
          headers: json,
        });
        expect(response.status).toBe(400);
        expect(callbacks).toEqual([]);
      });

      it('acknowledged first, a callback whose processing and onError both throw ends nothing', async () => {
        const rejections: unknown[] = [];
        const onRejection = (reason: unknown) => rejections.push(reason);
        process.on('unhandledRejection', onRejection);
        try {
          let processed = 0;
          const { post } = await setup({}, false, {
            mode: 'acknowledge-first',
            onCallback: () => {
              processed += 1;
              throw new Error('database down');
            },
            onError: () => {
              throw new Error('logger down');
            },
          });
          const answer = await post(callbackBody('ws_CO_throws'), json, `/mpesa/callback/${token}`);
          expect(answer.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(processed).toBe(1);
          expect(rejections).toEqual([]);
        } finally {
          process.off('unhandledRejection', onRejection);
        }
      });

      it('wrong path token → 404; not a callback → 400', async () => {
        const { callbacks, post } = await setup();
        expect(
          (await post(callbackBody('ws_CO_x'), json, '/mpesa/callback/cb_guess_guess_guess_guess'))
            .status,
        ).toBe(404);
        expect((await post('{"Body":{}}', json, `/mpesa/callback/${token}`)).status).toBe(400);
        expect(callbacks).toEqual([]);
      });
    });

    it('fuzzed headers and bodies never produce a 5xx or call the handler', async () => {
      const { received, post } = await setup();
      const header = fc.oneof(
        fc.string(),
        fc.constantFrom('v1,', 'v1,AAAA', 'v1a,', ' ', '99999999999999', '-1', 'whsec_'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string(), fc.json(), fc.constant(JSON.stringify(paymentEvent()))),
          fc.record({ id: header, ts: header, sig: header }),
          async (body, h) => {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            // Fetch refuses some header bytes itself; keep what HTTP can carry.
            const safe = (v: string) => v.replace(/[^\x20-\x7e]/g, '');
            headers['webhook-id'] = safe(h.id);
            headers['webhook-timestamp'] = safe(h.ts);
            headers['webhook-signature'] = safe(h.sig);
            const response = await post(body, headers);
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
            await response.arrayBuffer();
          },
        ),
        { numRuns: 60 },
      );
      expect(received).toHaveLength(0);
    });
  });
}

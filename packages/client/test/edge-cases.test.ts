import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MalipoCheckoutError } from '../src/checkout/index.js';
import {
  isMalipoAPIError,
  isMalipoApiError,
  Malipo,
  MalipoAPIError,
  MalipoApiError,
  MalipoConnectionError,
  MalipoError,
  MalipoOptionsError,
  MalipoRateLimitError,
  MalipoResponseValidationError,
  MalipoServerError,
  MalipoTimeoutError,
  MalipoValidationError,
} from '../src/index.js';
import { paymentRecord } from './support/payment-record.js';

/** A scripted gateway on a loopback port: each test sets how it answers. */
let answer: (request: IncomingMessage, response: ServerResponse) => void = (_, response) =>
  response.end();
let hits = 0;
const server = createServer((request, response) => {
  hits += 1;
  answer(request, response);
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const client = (overrides = {}) =>
  new Malipo({ apiKey: 'sk_test_key', apiSecret: 'secret_test', baseUrl, ...overrides });

const payment = { success: true, ...paymentRecord({ payment_id: 'pay_1' }) };

/** A payment create the contract accepts. */
const createBody = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678' },
} as const;

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );

describe('client edge cases over real HTTP', () => {
  it('a body that stalls after the headers ends at the timeout, as MalipoTimeoutError', async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"success":true,'); // and never more
    };
    const started = Date.now();
    const { error } = await settle(
      client({ timeout: 300, deadline: 1_500, maxRetries: 0 }).payments.retrieve('pay_1'),
    );
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a body cut off mid-stream is a MalipoConnectionError, retried with the same key', async () => {
    hits = 0;
    const keys: (string | undefined)[] = [];
    answer = (request, response) => {
      keys.push(request.headers['idempotency-key'] as string | undefined);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"success":true,', () => setTimeout(() => response.socket?.destroy(), 50));
    };
    const { error } = await settle(client({ maxRetries: 2 }).payments.create(createBody));
    expect(error).toBeInstanceOf(MalipoConnectionError);
    expect((error as Error).message).toMatch(/cut off/);
    expect(hits).toBe(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('pagination stops on a cursor cycle (c1 → c2 → c1)', async () => {
    hits = 0;
    answer = (request, response) => {
      const cursor = new URL(request.url ?? '/', baseUrl).searchParams.get('cursor');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          success: true,
          // One item a page: an empty page claiming more is refused on its own.
          data: [{ id: `we_${cursor ?? '0'}` }],
          has_more: true,
          next_cursor: cursor === 'c1' ? 'c2' : 'c1',
        }),
      );
    };
    const { error } = await settle(client().webhookEndpoints.list().toArray());
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect((error as Error).message).toContain('"c1"');
    expect(hits).toBe(3);
  });

  it('waitFor stops at once when aborted between polls', async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payment));
    };
    const controller = new AbortController();
    const waiting = settle(
      client().payments.waitFor('pay_1', { interval: 2_000, signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = Date.now();
    controller.abort(new Error('user left'));
    const { error } = await waiting;
    expect((error as Error).message).toBe('user left');
    expect(Date.now() - abortedAt).toBeLessThan(500);
  });

  it("waitFor's timeout bounds a poll that hangs", async () => {
    answer = () => {}; // never answers
    const started = Date.now();
    const { error } = await settle(
      client({ timeout: 30_000 }).payments.waitFor('pay_1', { timeout: 1_000 }),
    );
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    expect((error as MalipoTimeoutError).code).toBe('wait_timeout');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('a create that times out or loses its connection carries its Idempotency-Key, to retry safely', async () => {
    const keys: string[] = [];
    answer = (request) => {
      keys.push(request.headers['idempotency-key'] as string);
    }; // never answers: the gateway may have acted
    const timedOut = await settle(
      client({ timeout: 200, maxRetries: 0 }).payments.create(createBody),
    );
    expect(timedOut.error).toBeInstanceOf(MalipoTimeoutError);
    expect((timedOut.error as MalipoTimeoutError).idempotencyKey).toBe(keys[0]);
    answer = (request, response) => {
      keys.push(request.headers['idempotency-key'] as string);
      response.socket?.destroy();
    };
    const dropped = await settle(client({ maxRetries: 0 }).payments.create(createBody));
    expect(dropped.error).toBeInstanceOf(MalipoConnectionError);
    expect((dropped.error as MalipoConnectionError).idempotencyKey).toBe(keys[1]);
    expect(keys[1]).toMatch(/^malipo-client-/);
  });

  it('an Idempotency-Key with spaces is refused before sending (fetch would trim them off)', async () => {
    hits = 0;
    for (const key of ['order 42', ' k ']) {
      const { error } = await settle(client().payments.create(createBody, { idempotencyKey: key }));
      expect(error).toBeInstanceOf(MalipoValidationError);
      expect((error as MalipoValidationError).field).toBe('idempotencyKey');
    }
    expect(hits).toBe(0);
  });

  it('an id that cannot be put in a URL is a MalipoValidationError naming it', async () => {
    hits = 0;
    for (const id of ['a\ud800', 'x'.repeat(40_000)]) {
      const { error } = await settle(client().payments.retrieve(id));
      expect(error).toBeInstanceOf(MalipoValidationError);
      expect((error as MalipoValidationError).field).toBe('payment_id');
    }
    expect(hits).toBe(0);
  });

  it('waitFor polls once more just before its timeout: a payment settling then is seen', async () => {
    const started = Date.now();
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // PENDING until 4.1 s, then COMPLETED: after the poll at 4 s, before the 5 s timeout
      // (another full interval would end past it).
      const status = Date.now() - started > 4_100 ? 'COMPLETED' : 'PENDING';
      response.end(JSON.stringify({ ...payment, status }));
    };
    const settled = await client().payments.waitFor('pay_1', { timeout: 5_000, interval: 4_000 });
    expect(settled.status).toBe('COMPLETED');
  });

  it('a list answer is a promise: .catch and .finally work on it', async () => {
    answer = (_, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"success":false,"error":{"code":"INTERNAL_ERROR","message":"boom"}}');
    };
    let finished = false;
    const caught = await client({ maxRetries: 0 })
      .payments.list()
      .finally(() => {
        finished = true;
      })
      .catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(MalipoServerError);
    expect(finished).toBe(true);
    const direct = await client({ maxRetries: 0 })
      .payments.list()
      .catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(MalipoServerError);
  });

  it('a body that stalls is retried like a timeout, and the next answer is used', async () => {
    hits = 0;
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (hits === 1)
        response.write('{"success":true,'); // and never more
      else response.end(JSON.stringify(payment));
    };
    const found = await client({ timeout: 300, maxRetries: 1 }).payments.retrieve('pay_1');
    expect(found.payment_id).toBe('pay_1');
    expect(hits).toBe(2);
  });

  it('bodies that keep stalling are retried only until the deadline', async () => {
    hits = 0;
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"success":true,'); // and never more
    };
    const started = Date.now();
    const { error } = await settle(
      client({ timeout: 600, deadline: 1_000, maxRetries: 5 }).payments.retrieve('pay_1'),
    );
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    expect(hits).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_600);
  });

  it('a body cut off late does not stretch the call past its deadline', async () => {
    hits = 0;
    answer = (_, response) => {
      if (hits > 1) return; // later attempts never answer
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"success":true,', () => setTimeout(() => response.socket?.destroy(), 900));
    };
    const started = Date.now();
    const { error } = await settle(
      client({ timeout: 10_000, deadline: 1_500 }).payments.retrieve('pay_1'),
    );
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    expect(hits).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_100);
  });

  it('cut-off answers and failed attempts share one retry budget (maxRetries)', async () => {
    hits = 0;
    answer = (_, response) => {
      if (hits === 1) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        response.write('{"success":true,', () => response.socket?.destroy());
        return;
      }
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: false, error: { code: 'INTERNAL', message: 'x' } }));
    };
    const { error } = await settle(client({ maxRetries: 2 }).payments.retrieve('pay_1'));
    expect(error).toBeInstanceOf(MalipoServerError);
    expect(hits).toBe(3);
  });

  it('a Retry-After past the deadline answers MalipoRateLimitError at once, with retryAfter', async () => {
    hits = 0;
    answer = (_, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
      response.end(
        JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }),
      );
    };
    const started = Date.now();
    const { error } = await settle(client({ deadline: 5_000 }).payments.retrieve('pay_1'));
    expect(error).toBeInstanceOf(MalipoRateLimitError);
    expect((error as MalipoRateLimitError).retryAfter).toBe(30);
    expect(hits).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('errors that name what to fix', () => {
  it('a misspelled field is named', async () => {
    const { error } = await settle(
      client().payments.create({
        ammount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
      } as never),
    );
    expect(error).toBeInstanceOf(MalipoValidationError);
    expect((error as MalipoValidationError).field).toBe('ammount_cents');
    expect((error as Error).message).toMatch(/is not a known field; did you mean `amount_cents`\?/);
  });

  it('a misspelled optional field is named, with its near-match', async () => {
    const { error } = await settle(
      client().payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        callbak_url: 'https://shop.example/hooks',
      } as never),
    );
    expect((error as MalipoValidationError).field).toBe('callbak_url');
    expect((error as Error).message).toMatch(/not a known field; did you mean `callback_url`\?/);
  });

  it('a misspelled nested field is named by its path, with its near-match', async () => {
    const { error } = await settle(
      client().payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'BUNI',
        card: { numbr: '4111111111111111', expiry: '12/30', cvv: '123' },
      } as never),
    );
    expect((error as MalipoValidationError).field).toBe('card.numbr');
    expect((error as Error).message).toMatch(/did you mean `number`\?/);
  });

  it('every unknown field is named; none is guessed when nothing is close', async () => {
    const { error } = await settle(
      client().payments.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        colour: 'blue',
        size: 'L',
      } as never),
    );
    expect((error as MalipoValidationError).field).toBe('colour');
    expect((error as Error).message).toMatch(/`colour`, `size` are not known fields/);
    expect((error as Error).message).not.toMatch(/did you mean/);
  });

  it('a bad option is a MalipoOptionsError naming it', () => {
    let caught: unknown;
    try {
      client({ timeout: -1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalipoOptionsError);
    expect((caught as MalipoOptionsError).field).toBe('timeout');
  });

  it.each([
    ['timeout', { timeout: 3_000_000_000 }],
    ['deadline', { deadline: 3_000_000_000 }],
    ['webhookSecret', { webhookSecret: 'whsec_moved' }],
  ])('a bad %s is a MalipoOptionsError naming it, at construction', (field, patch) => {
    let caught: unknown;
    try {
      client(patch);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalipoOptionsError);
    expect((caught as MalipoOptionsError).field).toBe(field);
  });

  it('gateway errors are MalipoApiError; MalipoAPIError stays as a deprecated alias', async () => {
    answer = (_, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'x' } }));
    };
    const { error } = await settle(client().payments.retrieve('pay_1'));
    expect(error).toBeInstanceOf(MalipoApiError);
    expect(isMalipoApiError(error)).toBe(true);
    expect(MalipoAPIError).toBe(MalipoApiError);
    expect(isMalipoAPIError).toBe(isMalipoApiError);
    // An error from an older bundle, named the old way, still matches.
    expect(isMalipoApiError({ name: 'MalipoAPIError', code: 'X' })).toBe(true);
  });

  it('resources keep their transport private', () => {
    const malipo = client();
    for (const resource of [
      malipo.payments,
      malipo.refunds,
      malipo.payouts,
      malipo.balance,
      malipo.checkout.sessions,
      malipo.webhookEndpoints,
      malipo.webhookDeliveries,
      malipo.jobs,
    ]) {
      expect(Object.keys(resource)).toEqual([]);
      expect('call' in resource).toBe(false);
    }
  });

  it('MalipoCheckoutError is a MalipoError', () => {
    const error = new MalipoCheckoutError('openCheckout: bad');
    expect(error).toBeInstanceOf(MalipoError);
    expect(error.code).toBe('checkout_error');
  });
});

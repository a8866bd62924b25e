import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  isMalipoApiError,
  Malipo,
  MalipoOptionsError,
  MalipoRateLimitError,
  MalipoResponseValidationError,
  MalipoTimeoutError,
  MalipoValidationError,
} from '../src/index.js';
import { paymentRecord } from './support/payment-record.js';

/**
 * The client against gateways that answer in hostile or broken ways, each over real HTTP on
 * loopback: a second server plays the host a redirect points to.
 */
type Answer = (request: IncomingMessage, response: ServerResponse) => void;
const gateway: { answer: Answer; hits: number } = { answer: (_, r) => r.end(), hits: 0 };
const elsewhere: { requests: IncomingMessage[] } = { requests: [] };
const main = createServer((request, response) => {
  gateway.hits += 1;
  gateway.answer(request, response);
});
const other = createServer((request, response) => {
  elsewhere.requests.push(request);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ success: true, payment_id: 'pay_evil', data: [] }));
});
let baseUrl = '';
let otherUrl = '';
const listen = async (server: ReturnType<typeof createServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
beforeAll(async () => {
  baseUrl = await listen(main);
  otherUrl = await listen(other);
});
afterEach(() => {
  gateway.hits = 0;
  elsewhere.requests = [];
});
afterAll(() => {
  for (const server of [main, other]) {
    server.closeAllConnections();
    server.close();
  }
});

const apiKey = 'sk_test_0123456789';
const apiSecret = 'secret_abcdefghij';
const client = (overrides = {}) =>
  new Malipo({ apiKey, apiSecret, baseUrl, timeout: 1_500, deadline: 5_000, ...overrides });
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => {
  return (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
const create = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678' },
} as const;

describe('redirects are answered, never followed', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i to another host carries no credential there',
    async (status) => {
      gateway.answer = (_, response) => {
        response.writeHead(status, { location: `${otherUrl}/api/v1/payments` });
        response.end();
      };
      const error = await failure(client().payments.create(create));
      expect(isMalipoApiError(error) && error.code).toBe('redirect_not_followed');
      expect((error as Error).message).toContain(otherUrl);
      expect(elsewhere.requests).toHaveLength(0);
      expect(gateway.hits).toBe(1);
    },
  );
});

describe('no credential in any view of an error', () => {
  it.each([
    ['headers that never come', () => {}],
    [
      'a connection reset',
      (request: IncomingMessage) => {
        request.socket.resetAndDestroy();
      },
    ],
  ] as const)('%s', async (_what, answer) => {
    gateway.answer = answer;
    const error = await failure(
      client({ timeout: 200, deadline: 1_000, maxRetries: 0 }).balance.retrieve(),
    );
    for (const view of [
      inspect(error, { depth: Number.POSITIVE_INFINITY }),
      String(error),
      JSON.stringify(error),
    ]) {
      expect(view).not.toContain(apiKey);
      expect(view).not.toContain(apiSecret);
    }
  });
});

describe('options that would fail every call, refused at construction', () => {
  it.each([
    ['apiKey', { apiKey: 'sk_test\nX-Evil: 1' }],
    ['apiKey', { apiKey: 'sk_tést' }],
    ['apiSecret', { apiSecret: 'two words' }],
    ['baseUrl', { baseUrl: 'http://user:hunter2@127.0.0.1:1' }],
    ['baseUrl', { baseUrl: 'https://gateway.example/?token=x' }],
    ['baseUrl', { baseUrl: 'https://gateway.example/#x' }],
    ['validateResponses', { validateResponses: { retrievePayment: { response: 5 } } }],
  ])('%s: %j', (field, overrides) => {
    const error = (() => {
      try {
        client(overrides);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MalipoOptionsError);
    expect((error as MalipoOptionsError).field).toBe(field);
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).message).not.toContain('X-Evil');
  });
});

describe('a body that stalls', () => {
  it('is a timeout, and its connection is closed rather than kept reading', async () => {
    let closed: Promise<unknown> | undefined;
    gateway.answer = (request, response) => {
      closed = new Promise((resolve) => request.socket.once('close', resolve));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"success":'); // and nothing more
    };
    const error = await failure(
      client({ timeout: 300, deadline: 1_000, maxRetries: 0 }).balance.retrieve(),
    );
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    // Waits for the close: the stalled stream was cancelled, not left holding its socket.
    await closed;
  });
});

describe('credentials read from a file', () => {
  it('a trailing newline is dropped, as fetch drops it from a header', async () => {
    let seen: string | undefined;
    gateway.answer = (request, response) => {
      seen = request.headers['x-api-secret'] as string;
      json(200, { success: true, data: [], has_more: false, next_cursor: null })(request, response);
    };
    await client({ apiSecret: `${apiSecret}\n` }).webhookEndpoints.list();
    expect(seen).toBe(apiSecret);
  });
});

describe('per-call input that reaches headers, timers or paths', () => {
  it.each([
    ['idempotencyKey', () => client().payments.create(create, { idempotencyKey: '' })],
    ['idempotencyKey', () => client().payments.create(create, { idempotencyKey: 'a\nb' })],
    ['timeout', () => client().payments.retrieve('pay_1', { timeout: 0 })],
    ['timeout', () => client().payments.retrieve('pay_1', { timeout: Number.NaN })],
    ['timeout', () => client().payments.retrieve('pay_1', { timeout: 2 ** 31 })],
    ['payment_id', () => client().payments.retrieve('..')],
    ['payment_id', () => client().payments.retrieve('.')],
    ['payment_id', () => client().payments.refund(' ')],
    ['interval', () => client().payments.waitFor('pay_1', { interval: 0 })],
    ['interval', () => client().payments.waitFor('pay_1', { interval: Number.NaN })],
    ['timeout', () => client().payments.waitFor('pay_1', { timeout: Number.POSITIVE_INFINITY })],
  ] as const)('%s is refused before anything is sent', async (field, call) => {
    const error = await failure(call());
    expect(error).toBeInstanceOf(MalipoValidationError);
    expect((error as MalipoValidationError).field).toBe(field);
    expect(gateway.hits).toBe(0);
  });

  it('metadata JSON cannot hold (a BigInt, a cycle) is a validation error', async () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [10n, cycle]) {
      const error = await failure(
        client().payments.create({ ...create, metadata: { ...create.metadata, x: value } }),
      );
      expect(error).toBeInstanceOf(MalipoValidationError);
      expect((error as MalipoValidationError).field).toMatch(/^metadata/);
    }
    expect(gateway.hits).toBe(0);
  });
});

describe('answers that are not results', () => {
  it.each([
    ['an empty 200', 200],
    ['a 204', 204],
  ] as const)('%s is a MalipoResponseValidationError', async (_what, status) => {
    gateway.answer = (_, response) => {
      response.writeHead(status, status === 200 ? { 'content-type': 'application/json' } : {});
      response.end();
    };
    const error = await failure(client().payments.create(create));
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
  });

  it('a gateway message is quoted on one line and capped', async () => {
    gateway.answer = json(400, {
      error: { code: 'INVALID_REQUEST', message: `\u001b[31mred\u001b[0m\n${'x'.repeat(100_000)}` },
    });
    const error = await failure(client().payments.create(create));
    const { message } = error as Error;
    expect([...message].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
    expect(message.length).toBeLessThan(1_200);
    expect(message).toContain('(100013 characters)');
  });
});

describe('validateResponses', () => {
  it('refuses a negative amount of money', async () => {
    const { routes } = await import('@malipo/contract');
    gateway.answer = json(200, {
      success: true,
      ...paymentRecord({ payment_id: 'pay_1', status: 'COMPLETED', amount_cents: -500 }),
    });
    const error = await failure(client({ validateResponses: routes }).payments.retrieve('pay_1'));
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect((error as Error).message).toContain('amount_cents');
  });
});

describe('waitFor settles only on a status it can read', () => {
  it.each([{}, { status: null }, { status: 7 }])(
    '%j is a MalipoResponseValidationError',
    async (fields) => {
      gateway.answer = json(200, { success: true, payment_id: 'pay_1', ...fields });
      const error = await failure(
        client().payments.waitFor('pay_1', { interval: 10, timeout: 2_000 }),
      );
      expect(error).toBeInstanceOf(MalipoResponseValidationError);
    },
  );
});

describe('pagination that a server could make endless', () => {
  const page = (body: Record<string, unknown>) => json(200, { success: true, ...body });

  it('an empty page claiming more stops at once', async () => {
    let cursor = 0;
    gateway.answer = (request, response) =>
      page({ data: [], has_more: true, next_cursor: `c${++cursor}` })(request, response);
    const error = await failure(client().webhookEndpoints.list().toArray());
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect(gateway.hits).toBe(1);
  });

  it('has_more "false" (a string) is not true: one page', async () => {
    gateway.answer = page({ data: [{ id: 'we_1' }], has_more: 'false', next_cursor: 'c1' });
    await expect(client().webhookEndpoints.list().toArray()).resolves.toHaveLength(1);
    expect(gateway.hits).toBe(1);
  });

  it.each([7, { a: 1 }, 'c'.repeat(201)])(
    'a next_cursor of %j is the answer at fault',
    async (next) => {
      gateway.answer = (request, response) => {
        const followed = new URL(request.url ?? '/', baseUrl).searchParams.has('cursor');
        page({ data: [{ id: 'we_1' }], has_more: !followed, next_cursor: next })(request, response);
      };
      const error = await failure(client().webhookEndpoints.list().toArray());
      expect(error).toBeInstanceOf(MalipoResponseValidationError);
    },
  );
});

describe('rate limits', () => {
  it.each(['-1', '1.5', 'Tue, 31 Feb 2026 10:00:00 GMT', 'soon'])(
    'Retry-After %j is no hint: retryAfter is undefined',
    async (value) => {
      gateway.answer = json(
        429,
        { error: { code: 'RATE_LIMITED', message: 'slow down' } },
        {
          'retry-after': value,
        },
      );
      const error = await failure(client({ maxRetries: 0 }).balance.retrieve());
      expect(error).toBeInstanceOf(MalipoRateLimitError);
      expect((error as MalipoRateLimitError).retryAfter).toBeUndefined();
    },
  );

  it('a rate-limit reset past the deadline answers MalipoRateLimitError at once', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3_600);
    gateway.answer = json(
      429,
      { error: { code: 'RATE_LIMITED', message: 'slow down' } },
      {
        'x-ratelimit-reset': reset,
      },
    );
    // Slept through, the wait would have ended in a MalipoTimeoutError at the 5 s deadline.
    const error = await failure(client().balance.retrieve());
    expect(error).toBeInstanceOf(MalipoRateLimitError);
    expect((error as MalipoRateLimitError).retryAfter).toBeGreaterThan(3_500);
    expect(gateway.hits).toBe(1);
  });
});

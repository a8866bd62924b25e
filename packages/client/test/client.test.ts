import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isMalipoApiError,
  Malipo,
  MalipoAuthenticationError,
  MalipoConflictError,
  MalipoConnectionError,
  MalipoIdempotencyError,
  MalipoInvalidRequestError,
  MalipoNotFoundError,
  MalipoPaymentRequiredError,
  MalipoProviderError,
  MalipoRateLimitError,
  MalipoResponseValidationError,
  MalipoServerError,
  MalipoTimeoutError,
  MalipoValidationError,
  type Payment,
} from '../src/index.js';
import { baseUrl, fakeGateway, paymentRecord, requestId, server } from './support/fake-gateway.js';

const credentials = { apiKey: 'sk_test_key', apiSecret: 'secret_test', baseUrl };
const client = (overrides = {}) => new Malipo({ ...credentials, ...overrides });

// Seed 000's first curl example body, verbatim.
const seedBody = {
  amount_cents: 10000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678', description: 'Test Payment' },
  callback_url: 'https://your-domain.com/webhook',
} as const;

describe('payments.create', () => {
  it("sends seed 000's body and parses the documented response, with the request id", async () => {
    const gateway = fakeGateway();
    const created = await client().payments.create(seedBody);
    expect(created).toMatchObject({
      success: true,
      status: 'PENDING',
      payment_id: expect.stringMatching(/^pay_/),
    });
    expect(created.$response.requestId).toMatch(/^req_/);
    expect(created.$response.idempotencyKey).toBe(gateway.seenKeys[0]);
    expect(JSON.stringify(created)).not.toContain('$response');
  });

  it('retries a 500 that came after the server recorded the payment: same key, one payment', async () => {
    const gateway = fakeGateway({ failAfterRecording: true });
    const created = await client().payments.create(seedBody);
    expect(gateway.payments).toHaveLength(1);
    expect(created.payment_id).toBe(gateway.payments[0]!.payment_id);
    expect(gateway.seenKeys).toHaveLength(2);
    expect(new Set(gateway.seenKeys).size).toBe(1);
  });

  it('uses the caller’s idempotency key', async () => {
    const gateway = fakeGateway();
    await client().payments.create(seedBody, { idempotencyKey: 'order-42' });
    expect(gateway.seenKeys).toEqual(['order-42']);
  });

  it('validates the body against the contract before sending', async () => {
    const gateway = fakeGateway();
    const error = await client()
      .payments.create({ ...seedBody, amount_cents: 100.5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoValidationError);
    expect(error).toMatchObject({ field: 'amount_cents', code: 'invalid_params' });
    expect(gateway.seenKeys).toEqual([]);
  });
});

describe('retries', () => {
  it('honours 429 Retry-After', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_1`, () => {
        calls += 1;
        if (calls === 1)
          return HttpResponse.json(
            { success: false, error: { code: 'RATE_LIMITED', message: 'slow down' } },
            { status: 429, headers: { 'retry-after': '1' } },
          );
        return HttpResponse.json({ success: true, ...paymentRecord({ payment_id: 'pay_1' }) });
      }),
    );
    const started = Date.now();
    await client().payments.retrieve('pay_1');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a timed-out attempt', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_2`, async () => {
        calls += 1;
        if (calls === 1) await new Promise((r) => setTimeout(r, 400));
        return HttpResponse.json({ success: true, ...paymentRecord({ payment_id: 'pay_2' }) });
      }),
    );
    const payment = await client({ timeout: 100 }).payments.retrieve('pay_2');
    expect(payment.payment_id).toBe('pay_2');
    expect(calls).toBe(2);
  });

  it('stops at the total deadline', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_3`, async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 150));
        return HttpResponse.json(
          { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } },
          { status: 503 },
        );
      }),
    );
    const error = await client({ maxRetries: 50, deadline: 600 })
      .payments.retrieve('pay_3')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoTimeoutError);
    expect(calls).toBeLessThan(6);
  });

  it('retries 409 IDEMPOTENCY_KEY_IN_USE but not a state conflict or a reused key', async () => {
    const seen: string[] = [];
    let inUse = 1;
    server.use(
      http.post(`${baseUrl}/api/v1/payments/:id/capture`, ({ params, request }) => {
        seen.push(`${params.id}:${request.headers.get('idempotency-key')}`);
        if (params.id === 'pay_busy' && inUse-- > 0)
          return HttpResponse.json(
            { success: false, error: { code: 'IDEMPOTENCY_KEY_IN_USE', message: 'in flight' } },
            { status: 409 },
          );
        if (params.id === 'pay_failed')
          return HttpResponse.json(
            { success: false, error: { code: 'INVALID_STATE', message: 'payment is FAILED' } },
            { status: 409 },
          );
        if (params.id === 'pay_reused')
          return HttpResponse.json(
            { success: false, error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'other body' } },
            { status: 422 },
          );
        return HttpResponse.json({
          success: true,
          ...paymentRecord({ payment_id: String(params.id), status: 'COMPLETED' }),
        });
      }),
    );
    const malipo = client();
    await malipo.payments.capture('pay_busy');
    await expect(malipo.payments.capture('pay_failed')).rejects.toBeInstanceOf(MalipoConflictError);
    await expect(malipo.payments.capture('pay_reused')).rejects.toBeInstanceOf(
      MalipoIdempotencyError,
    );
    const busy = seen.filter((s) => s.startsWith('pay_busy'));
    expect(busy).toHaveLength(2);
    expect(new Set(busy).size).toBe(1);
    expect(seen.filter((s) => s.startsWith('pay_failed'))).toHaveLength(1);
    expect(seen.filter((s) => s.startsWith('pay_reused'))).toHaveLength(1);
  });

  it('reports a refused connection as MalipoConnectionError after retrying', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/refunds/:id`, () => {
        calls += 1;
        return HttpResponse.error();
      }),
    );
    await expect(client({ maxRetries: 1 }).refunds.retrieve('re_1')).rejects.toBeInstanceOf(
      MalipoConnectionError,
    );
    expect(calls).toBe(2);
  });
});

describe('typed errors', () => {
  it.each([
    [400, 'INVALID_PHONE', 'metadata.phone_number', MalipoInvalidRequestError],
    [401, 'AUTHENTICATION_FAILED', undefined, MalipoAuthenticationError],
    [402, 'INSUFFICIENT_BALANCE', undefined, MalipoPaymentRequiredError],
    [404, 'NOT_FOUND', undefined, MalipoNotFoundError],
    [409, 'INVALID_STATE', undefined, MalipoConflictError],
    [413, 'PAYLOAD_TOO_LARGE', undefined, MalipoInvalidRequestError],
    [422, 'IDEMPOTENCY_KEY_REUSED', undefined, MalipoIdempotencyError],
    [429, 'RATE_LIMITED', undefined, MalipoRateLimitError],
    [500, 'INTERNAL_ERROR', undefined, MalipoServerError],
    [502, 'PROVIDER_ERROR', undefined, MalipoProviderError],
  ] as const)('%i %s → %o', async (status, code, field, ErrorClass) => {
    const id = requestId();
    server.use(
      http.post(`${baseUrl}/api/v1/payouts`, () =>
        HttpResponse.json(
          {
            success: false,
            error: { code, message: 'documented message', ...(field ? { field } : {}) },
          },
          { status, headers: { 'x-request-id': id, 'retry-after': '0' } },
        ),
      ),
    );
    const error = await client({ maxRetries: 0 })
      .payouts.create({
        amount_cents: 10_000,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        recipient: { phone_number: '254712345678' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(isMalipoApiError(error)).toBe(true);
    expect(error).toMatchObject({ status, code, field, requestId: id, name: ErrorClass.name });
    expect((error as Error).message).toMatch(/^@malipo\/client: documented message/);
  });
});

describe('error details', () => {
  const rateLimited = (headers: Record<string, string>) => {
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_rl`, () =>
        HttpResponse.json(
          { success: false, error: { code: 'RATE_LIMITED', message: 'slow down' } },
          { status: 429, headers },
        ),
      ),
    );
    return client({ maxRetries: 0 })
      .payments.retrieve('pay_rl')
      .catch((e: unknown) => e as MalipoRateLimitError);
  };

  it('retryAfter: seconds, an HTTP date, or undefined when the server gave none', async () => {
    expect((await rateLimited({ 'retry-after': '7' })).retryAfter).toBe(7);
    expect((await rateLimited({})).retryAfter).toBeUndefined();
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = (await rateLimited({ 'retry-after': inTenSeconds })).retryAfter as number;
    expect(fromDate).toBeGreaterThanOrEqual(8);
    expect(fromDate).toBeLessThanOrEqual(10);
  });

  it('an empty id is a MalipoValidationError, not a connection error, and nothing is sent', async () => {
    let sent = 0;
    server.use(
      http.all(`${baseUrl}/*`, () => {
        sent += 1;
        return HttpResponse.json({});
      }),
    );
    const error = await client()
      .payments.retrieve('')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoValidationError);
    expect(error).not.toBeInstanceOf(MalipoConnectionError);
    expect(sent).toBe(0);
  });
});

describe('lenient reading', () => {
  it('an unknown status value does not throw', async () => {
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_new`, () =>
        HttpResponse.json({
          success: true,
          ...paymentRecord({ payment_id: 'pay_new', status: 'DISPUTED' }),
          brand_new_field: true,
        }),
      ),
    );
    const payment = await client().payments.retrieve('pay_new');
    expect(payment.status).toBe('DISPUTED');
  });
});

describe('pagination', () => {
  it('walks several pages with for await', async () => {
    const all = Array.from({ length: 7 }, (_, i) => paymentRecord({ payment_id: `pay_p${i}` }));
    const cursors: (string | null)[] = [];
    server.use(
      http.get(`${baseUrl}/api/v1/payments`, ({ request }) => {
        const url = new URL(request.url);
        const cursor = url.searchParams.get('cursor');
        cursors.push(cursor);
        const start = cursor ? Number(cursor) : 0;
        const limit = Number(url.searchParams.get('limit'));
        const data = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return HttpResponse.json({
          success: true,
          data,
          has_more: more,
          next_cursor: more ? String(start + limit) : null,
        });
      }),
    );
    const seen: string[] = [];
    for await (const payment of client().payments.list({ limit: 3 })) seen.push(payment.payment_id);
    expect(seen).toEqual(all.map((p) => p.payment_id));
    expect(cursors).toEqual([null, '3', '6']);
    const first = await client().payments.list({ limit: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.has_more).toBe(true);
  });
});

describe('pagination against a server that ignores the cursor', () => {
  it('stops with MalipoResponseValidationError instead of fetching one page forever', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/webhook-endpoints`, () => {
        calls += 1;
        // A page with an item: an empty page claiming more is refused on its own.
        return HttpResponse.json({
          success: true,
          data: [{ id: 'we_1' }],
          has_more: true,
          next_cursor: 'c2',
        });
      }),
    );
    const error = await client()
      .webhookEndpoints.list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalipoResponseValidationError);
    expect(calls).toBe(2);
  });
});

describe('waitFor', () => {
  it('polls until the payment leaves PENDING', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_w`, () => {
        calls += 1;
        return HttpResponse.json({
          success: true,
          ...paymentRecord({ payment_id: 'pay_w', status: calls < 3 ? 'PENDING' : 'COMPLETED' }),
        });
      }),
    );
    const payment = await client().payments.waitFor('pay_w', { interval: 10, timeout: 5_000 });
    expect(payment.status).toBe('COMPLETED');
    expect(calls).toBe(3);
  });

  it('gives up with MalipoTimeoutError', async () => {
    server.use(
      http.get(`${baseUrl}/api/v1/payments/pay_slow`, () =>
        HttpResponse.json({ success: true, ...paymentRecord({ payment_id: 'pay_slow' }) }),
      ),
    );
    await expect(
      client().payments.waitFor('pay_slow', { interval: 10, timeout: 50 }),
    ).rejects.toMatchObject({ name: 'MalipoTimeoutError', code: 'wait_timeout' });
  });
});

describe('construction', () => {
  it.each([
    ['apiKey', { apiKey: '' }],
    ['baseUrl', { baseUrl: 'gateway.test' }],
    ['maxRetries', { maxRetries: -1 }],
    ['timeout', { timeout: 1.5 }],
  ])('rejects a bad %s naming it', (field, patch) => {
    expect(() => new Malipo({ ...credentials, ...patch })).toThrow(new RegExp(`\`${field}\``));
  });

  it('refuses to run in a browser without the explicit opt-in', () => {
    const scope = globalThis as Record<string, unknown>;
    scope.window = {};
    scope.document = {};
    try {
      expect(() => client()).toThrow(/must run on a server/);
      expect(() => client({ dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete scope.window;
      delete scope.document;
    }
  });
});

describe('types', () => {
  it('pins the public types', () => {
    const malipo = client();
    expectTypeOf(malipo.payments.retrieve).returns.resolves.toMatchTypeOf<Payment>();
    expectTypeOf<
      Parameters<typeof malipo.payments.create>[0]['amount_cents']
    >().toEqualTypeOf<number>();
    expectTypeOf<
      Awaited<ReturnType<typeof malipo.payments.create>>['$response']['requestId']
    >().toEqualTypeOf<string | undefined>();
    // @ts-expect-error provider is a closed set on input
    void malipo.payments.create({ ...seedBody, provider: 'PAYPAL' }).catch(() => {});
  });
});

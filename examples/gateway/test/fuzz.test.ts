import http from 'node:http';
import { errorCodes } from '@malipo/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processResult } from '../src/results/process-result.js';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/harness.js';

/** Statuses an answer may have: success, or a documented error status with the envelope. */
const documented = new Set<number>([200, 201, ...Object.values(errorCodes).filter((s) => s < 500)]);

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const jsonValue = fc.jsonValue({ maxDepth: 3 });
/** JSON nested from 1 to 6000 levels deep (a recursive walk overflows the stack past a few thousand). */
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
/** Lone surrogates and NUL: `JSON.stringify` sends them escaped, and they parse back as such. */
const awkwardText = fc.oneof(
  anyText,
  fc.constantFrom('\ud800', '\udfff', '\u0000', 'a\ud83d', '\udc00\ud800', 'ok'),
);

/** Names that are properties of every JavaScript object: a lookup by them must not find those. */
const prototypeName = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
);
/** IPv6 literals in every form, including those that embed an IPv4 address. */
const ipv6Url = fc.oneof(
  fc.ipV6().map((address) => `http://[${address}]/hook`),
  fc
    .tuple(fc.constantFrom('::', '::ffff:', '64:ff9b::', '::ffff:0:'), fc.ipV4())
    .map(([prefix, v4]) => `http://[${prefix}${v4}]/hook`),
  fc.constantFrom('http://[::127.0.0.1]/', 'http://[2002:7f00:1::]/', 'http://[fe80::1%25eth0]/'),
);

/** Bodies near the contract (so validation goes deep) and far from it. */
const paymentBody = fc.oneof(
  fc
    .record(
      {
        amount_cents: fc.oneof(
          fc.integer(),
          fc.double(),
          fc.constant(10_000),
          fc.bigInt().map(String),
          anyText,
        ),
        currency: fc.oneof(fc.constant('KES'), anyText),
        provider: fc.oneof(
          fc.constant('MPESA_SAFARICOM'),
          fc.constantFrom('BUNI', 'KAREENHUB'),
          anyText,
        ),
        metadata: fc.oneof(
          fc.record(
            {
              phone_number: fc.oneof(fc.constant('254712345678'), anyText, fc.integer()),
              description: anyText,
            },
            { requiredKeys: [] },
          ),
          jsonValue,
        ),
        callback_url: fc.oneof(
          fc.webUrl(),
          anyText,
          fc.constant('http://169.254.169.254/latest'),
          ipv6Url,
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  jsonValue.map((value) => JSON.stringify(value)),
  anyText,
  // BUNI card payments with every card field bent: numbers of any length (test cards, Luhn-valid
  // strangers, bad check digits), impossible expiries, CVVs of every length, odd currencies.
  fc
    .record({
      amount_cents: fc.oneof(fc.integer({ min: -5, max: 1_000_000_000 }), fc.constant(10_050)),
      currency: fc.oneof(fc.constantFrom('KES', 'USD', 'usd', 'KE', 'KESS'), anyText),
      number: fc.oneof(
        fc.constantFrom(
          '4111111111111111',
          '4000000000000002',
          '4000000000009995',
          '4242424242424242',
          '378282246310005',
          '4111111111111112',
        ),
        fc.stringMatching(/^\d{0,22}$/),
        anyText,
      ),
      expiry: fc.oneof(
        fc.stringMatching(/^\d\d\/\d\d$/),
        fc.constantFrom('00/00', '13/30', '12/99', '1/30'),
        anyText,
      ),
      cvv: fc.oneof(fc.stringMatching(/^\d{0,6}$/), anyText),
    })
    .map(({ amount_cents, currency, number, expiry, cvv }) =>
      JSON.stringify({ amount_cents, currency, provider: 'BUNI', card: { number, expiry, cvv } }),
    ),
  // Valid but for a field named like an Object.prototype property, at the top or in metadata.
  fc
    .record({ name: prototypeName, value: jsonValue, inMetadata: fc.boolean() })
    .map(({ name, value, inMetadata }) => {
      const field = `${JSON.stringify(name)}:${JSON.stringify(value)}`;
      return inMetadata
        ? `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"phone_number":"254712345678",${field}}}`
        : `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM",${field}}`;
    }),
  // Valid but for one awkward metadata value, so it reaches validation's end and the insert.
  fc
    .record({ description: awkwardText, key: awkwardText, nested: deepJson })
    .map(
      ({ description, key, nested }) =>
        `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":{"phone_number":"254712345678","description":${JSON.stringify(description)},${JSON.stringify(key)}:${nested}}}`,
    ),
);

/** Cursors shaped like ours (base64url of `timestamp|id`) with every part wrong in turn. */
const cursorLike = fc
  .tuple(
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '000Z')),
      fc.constantFrom('1', '2024-02-30T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z'),
      anyText,
    ),
    fc.oneof(fc.constant('pay_aaaaaaaaaaaaaaaaaaaa'), awkwardText),
  )
  .map(([time, id]) => Buffer.from(`${time}|${id}`).toString('base64url'));
/** Date-times the contract accepts, years 0000 and 0001 included. */
const isoDate = fc
  .date({
    noInvalidDate: true,
    min: new Date('0000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
  })
  .map((d) => d.toISOString());

/** A POST over node:http that reads the answer even when the server stops reading the body. */
function rawPost(url: string, headers: Record<string, string>, body: string, chunked: boolean) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: chunked
          ? headers
          : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
    });
    // Written before end(), the body goes chunked (end(body) alone would declare its length).
    if (chunked) {
      request.write(body);
      request.end();
    } else request.end(body);
  });
}

describe.each(databaseKinds)('fuzzing every endpoint on %s', (kind) => {
  let gw: TestGateway;
  let paymentId: string;

  beforeAll(async () => {
    gw = await startTestGateway(kind, {
      TEST_PROCESSING_DELAY: '600000',
      MPESA_POLL_SCHEDULE: '600',
      ALLOW_PRIVATE_WEBHOOK_URLS: 'false',
    });
    paymentId = (
      await gw.client.payments.create({
        amount_cents: 100,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678' },
      })
    ).payment_id;
  });
  afterAll(() => gw?.close());

  const send = async (
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await fetch(`${gw.url}${path}`, {
      method,
      headers: init.headers,
      body: init.body,
    });
    const text = await response.text();
    return { status: response.status, text };
  };

  const expectDocumented = ({ status, text }: { status: number; text: string }) => {
    expect(documented.has(status), `status ${status}: ${text.slice(0, 300)}`).toBe(true);
    // A success answer is never an error envelope (prototype-named fields once gave 200 + error).
    if (status < 300) expect(JSON.parse(text).success, text.slice(0, 300)).not.toBe(false);
    if (status >= 400) {
      const body = JSON.parse(text);
      expect(body.success).toBe(false);
      expect(Object.keys(errorCodes)).toContain(body.error.code);
      expect(typeof body.error.message).toBe('string');
    }
  };

  const auth = () => ({ 'x-api-key': gw.apiKey, 'x-api-secret': gw.apiSecret });

  it('payment creation: any body, content type and idempotency key', async () => {
    await fc.assert(
      fc.asyncProperty(
        paymentBody,
        fc.oneof(fc.constant('application/json'), printable),
        fc.option(printable, { nil: undefined }),
        fc.constantFrom('/api/payments/create', '/api/v1/payments'),
        async (body, type, key, path) => {
          const headers: Record<string, string> = { ...auth(), 'content-type': type };
          if (key !== undefined) headers['idempotency-key'] = key;
          expectDocumented(await send('POST', path, { headers, body }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('credentials and request ids: any header values', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, printable, async (key, secret, requestId) => {
        const answer = await send('GET', '/api/v1/payments', {
          headers: { 'x-api-key': key, 'x-api-secret': secret, 'x-request-id': requestId },
        });
        expect(answer.status).toBe(401);
        expectDocumented(answer);
      }),
      { numRuns: 150 },
    );
  });

  it('path parameters and query strings of every read and action', async () => {
    const segment = fc.oneof(printable, anyText, fc.constant('pay_'), fc.constant(''));
    const query = fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'status',
        'provider',
        'created_from',
        'created_to',
        'event_id',
        'x',
      ),
      fc.oneof(anyText, cursorLike, isoDate),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        segment,
        query,
        fc.integer({ min: 0, max: 15 }),
        async (raw, params, which) => {
          const id = encodeURIComponent(which === 15 ? paymentId : raw);
          const qs = new URLSearchParams(params).toString();
          const routes: [string, string][] = [
            ['GET', `/api/payments/${id}`],
            ['GET', `/api/v1/payments/${id}`],
            ['GET', `/api/v1/payments?${qs}`],
            ['GET', `/api/payments?${qs}`],
            ['POST', `/api/v1/payments/${id}/query`],
            ['GET', `/api/v1/webhooks?${qs}`],
            ['POST', `/api/v1/webhooks/${id}/retry`],
            ['DELETE', `/api/v1/webhook-endpoints/${id}`],
            ['GET', `/api/v1/payouts/${id}`],
            ['GET', `/api/payouts/${id}?${qs}`],
            ['GET', `/api/v1/payouts?${qs}`],
            ['GET', `/api/v1/refunds/${id}`],
            ['GET', `/api/v1/payments/${id}/refunds?${qs}`],
            ['POST', `/api/v1/payments/${id}/capture`],
            ['POST', `/api/v1/payments/${id}/void`],
            ['GET', `/api/v1/balance?${qs}`],
            ['GET', `/api/v1/payments/${paymentId}/refunds?${qs}`],
          ];
          const [method, path] = routes[which] as [string, string];
          expectDocumented(await send(method, path, { headers: auth() }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('payouts and refunds: any body', async () => {
    const amount = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(100, 1_000, 10_000, 25_000_000, 25_000_100),
      fc.bigInt().map(String),
      anyText,
    );
    const payoutBody = fc.oneof(
      fc
        .record(
          {
            amount_cents: amount,
            currency: fc.oneof(fc.constant('KES'), anyText),
            provider: fc.oneof(fc.constant('MPESA_SAFARICOM'), anyText),
            recipient: fc.oneof(
              fc.record(
                {
                  phone_number: fc.oneof(
                    fc.constantFrom('254708374149', '0708374149', '+254711111111'),
                    awkwardText,
                    fc.integer(),
                  ),
                  name: awkwardText,
                },
                { requiredKeys: [] },
              ),
              jsonValue,
            ),
            description: awkwardText,
            metadata: jsonValue,
            callback_url: fc.oneof(fc.webUrl(), anyText, ipv6Url),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
      jsonValue.map((value) => JSON.stringify(value)),
      anyText,
      prototypeName.map(
        (name) =>
          `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","recipient":{"phone_number":"254708374149"},${JSON.stringify(name)}:1}`,
      ),
    );
    const refundBody = fc.oneof(
      fc
        .record(
          { amount_cents: amount, reason: awkwardText, metadata: jsonValue },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
      jsonValue.map((value) => JSON.stringify(value)),
      anyText,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/payouts/create', '/api/v1/payouts', 'refund', 'refund-elsewhere'),
        payoutBody,
        refundBody,
        fc.option(printable, { nil: undefined }),
        async (target, payout, refund, key) => {
          const headers: Record<string, string> = {
            ...auth(),
            'content-type': 'application/json',
          };
          if (key !== undefined) headers['idempotency-key'] = key;
          const path =
            target === 'refund'
              ? `/api/v1/payments/${paymentId}/refunds`
              : target === 'refund-elsewhere'
                ? '/api/v1/payments/pay_aaaaaaaaaaaaaaaaaaaa/refunds'
                : target;
          const body = target.startsWith('refund') ? refund : payout;
          expectDocumented(await send('POST', path, { headers, body }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('M-Pesa results: any path, kind and body are answered without a 5xx and processed without a crash', async () => {
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value as string;
    const item = fc.record({ Key: awkwardText, Value: fc.oneof(awkwardText, fc.double()) });
    const resultBody = fc.oneof(
      jsonValue.map((v) => JSON.stringify({ Result: v })),
      jsonValue.map((v) => JSON.stringify(v)),
      anyText,
      fc
        .record({
          code: fc.oneof(fc.integer(), awkwardText, fc.constantFrom(0, '0', 1, 'R000001')),
          originator: fc.oneof(awkwardText, fc.constant('po_aaaaaaaaaaaaaaaaaaaa')),
          items: fc.oneof(fc.array(item, { maxLength: 4 }), item),
          balance: awkwardText,
        })
        .map(({ code, originator, items, balance }) =>
          JSON.stringify({
            Result: {
              ResultType: 0,
              ResultCode: code,
              ResultDesc: 'fuzz',
              OriginatorConversationID: originator,
              ConversationID: 'AG_1',
              TransactionID: 'TX1',
              ResultParameters: {
                ResultParameter: [
                  ...(Array.isArray(items) ? items : [items]),
                  { Key: 'AccountBalance', Value: balance },
                  { Key: 'TransactionAmount', Value: balance },
                ],
              },
              ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'x' } },
            },
          }),
        ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.constantFrom('results', 'timeouts', 'other'),
        fc.oneof(fc.constantFrom('payout', 'refund', 'status', 'balance'), printable),
        fc.oneof(
          fc.constantFrom('po_aaaaaaaaaaaaaaaaaaaa', 're_aaaaaaaaaaaaaaaaaaaa', 'test'),
          printable,
        ),
        resultBody,
        async (good, kind, purpose, target, body) => {
          const answer = await send(
            'POST',
            `/callbacks/mpesa/${good ? token : 'wrong'}/${kind}/${encodeURIComponent(purpose)}/${encodeURIComponent(target)}`,
            { headers: { 'content-type': 'application/json' }, body },
          );
          expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
    // Every stored result is processed to an outcome: none throws.
    const stored = await gw.gateway.db.query<{ id: string }>(
      'select id from mpesa_results where processed_at is null',
    );
    for (const { id } of stored) await processResult(gw.gateway.db, id);
    const unprocessed = await gw.gateway.db.query(
      'select id from mpesa_results where processed_at is null',
    );
    expect(unprocessed).toEqual([]);
  });

  it('webhook endpoint registration: any body', async () => {
    const body = fc.oneof(
      fc
        .record(
          {
            url: fc.oneof(fc.webUrl(), anyText, ipv6Url),
            events: fc.oneof(fc.array(anyText), jsonValue),
            description: anyText,
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
      anyText,
      fc
        .tuple(prototypeName, jsonValue)
        .map(
          ([name, value]) =>
            `{"url":"https://merchant.example.com/h",${JSON.stringify(name)}:${JSON.stringify(value)}}`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        expectDocumented(
          await send('POST', '/api/v1/webhook-endpoints', {
            headers: { ...auth(), 'content-type': 'application/json' },
            body: payload,
          }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('M-Pesa callbacks: any token and any body are answered without a 5xx', async () => {
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value as string;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        printable,
        fc.oneof(
          jsonValue.map((v) => JSON.stringify({ Body: { stkCallback: v } })),
          jsonValue.map((v) => JSON.stringify(v)),
          anyText,
          // A real callback shape with awkward text where Daraja puts text.
          fc
            .record({ id: awkwardText, desc: awkwardText, receipt: awkwardText })
            .map(({ id, desc, receipt }) =>
              JSON.stringify({
                Body: {
                  stkCallback: {
                    MerchantRequestID: '1',
                    CheckoutRequestID: id,
                    ResultCode: 0,
                    ResultDesc: desc,
                    CallbackMetadata: {
                      Item: [
                        { Name: 'Amount', Value: 1 },
                        { Name: 'MpesaReceiptNumber', Value: receipt },
                        { Name: 'PhoneNumber', Value: 254712345678 },
                      ],
                    },
                  },
                },
              }),
            ),
        ),
        async (good, other, body) => {
          const answer = await send(
            'POST',
            `/callbacks/mpesa/${good ? token : encodeURIComponent(other)}`,
            {
              headers: { 'content-type': 'application/json' },
              body,
            },
          );
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('NUL characters in text fields are a 400, not a database error', async () => {
    const answer = await send('POST', '/api/v1/payments', {
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        amount_cents: 100,
        currency: 'KES',
        provider: 'MPESA_SAFARICOM',
        metadata: { phone_number: '254712345678', description: 'a\u0000b', 'k\u0000': 1 },
      }),
    });
    expect(answer.status).toBe(400);
    expectDocumented(answer);
  });

  it('bodies over the limit are 413 (declared or streamed) and unknown routes 404, in the envelope', async () => {
    for (const chunked of [false, true]) {
      const big = await rawPost(
        `${gw.url}/api/v1/payments`,
        { ...auth(), 'content-type': 'application/json' },
        'x'.repeat(1_048_577),
        chunked,
      );
      expect(big.status).toBe(413);
      expectDocumented(big);
    }
    const missing = await send('GET', '/nope');
    expect(missing.status).toBe(404);
    expectDocumented(missing);
  });

  it('a body of exactly the limit is read whole, declared or streamed: its JSON is judged, not its size', async () => {
    // A valid create padded to the limit with JSON whitespace: read in full it is a payment
    // request (whose phone is checked); cut short it would be invalid JSON.
    const request = JSON.stringify({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: 'not a phone' },
    });
    const body = request.slice(0, -1) + ' '.repeat(1_048_576 - request.length) + '}';
    expect(Buffer.byteLength(body)).toBe(1_048_576);
    for (const chunked of [false, true]) {
      const answer = await rawPost(
        `${gw.url}/api/v1/payments`,
        { ...auth(), 'content-type': 'application/json' },
        body,
        chunked,
      );
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).error.code).toBe('INVALID_PHONE');
    }
  });
});

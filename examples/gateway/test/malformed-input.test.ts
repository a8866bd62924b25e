import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildStkCallback } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/** Input PostgreSQL cannot store, or that would exhaust a recursive walk, is a 400 — never a 500. */
describe.each(databaseKinds)('malformed input on %s', (kind) => {
  let gw: TestGateway;
  const servers: Server[] = [];

  beforeAll(async () => {
    gw = await startTestGateway(kind, { WEBHOOK_TIMEOUT_MS: '3000' });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await gw?.close();
  });

  const headers = () => ({
    'content-type': 'application/json',
    'x-api-key': gw.apiKey,
    'x-api-secret': gw.apiSecret,
  });
  const postPayment = (raw: string) =>
    fetch(`${gw.url}/api/v1/payments`, { method: 'POST', headers: headers(), body: raw });
  const paymentWith = (metadata: string) =>
    `{"amount_cents":10000,"currency":"KES","provider":"MPESA_SAFARICOM","metadata":${metadata}}`;
  const count = async (table: string) =>
    Number(
      (await gw.gateway.db.query<{ n: string | number }>(`select count(*) as n from ${table}`))[0]
        ?.n,
    );

  it('deeply nested JSON is a 400 naming the limit (no stack overflow)', async () => {
    const deep = `{"phone_number":"254712345678","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const path of ['/api/v1/payments', '/api/payments/create']) {
      const answer = await fetch(`${gw.url}${path}`, {
        method: 'POST',
        headers: headers(),
        body: paymentWith(deep),
      });
      expect(answer.status).toBe(400);
      expect((await answer.json()).error.message).toMatch(/nests deeper than 32 levels/);
    }
  });

  it('escaped NUL and lone surrogates are a 400, in values and in keys', async () => {
    const before = await count('payments');
    for (const metadata of [
      '{"phone_number":"254712345678","description":"\\ud800"}',
      '{"phone_number":"254712345678","description":"a\\u0000b"}',
      '{"phone_number":"254712345678","\\udfff":"x"}',
    ]) {
      const answer = await postPayment(paymentWith(metadata));
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatchObject({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/surrogate|NUL/),
      });
    }
    expect(await count('payments')).toBe(before);
  });

  it('metadata that would not be kept as sent is a 400: huge numbers, unsafe integers, __proto__', async () => {
    const before = await count('payments');
    for (const [metadata, reason] of [
      ['{"phone_number":"254712345678","n":1e400}', /too large to keep/],
      ['{"phone_number":"254712345678","order":123456789012345678901234567890}', /kept rounded/],
      ['{"phone_number":"254712345678","__proto__":{"x":1}}', /named __proto__/],
    ] as const) {
      const answer = await postPayment(paymentWith(metadata));
      expect(answer.status).toBe(400);
      expect((await answer.json()).error).toMatchObject({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(reason),
      });
    }
    expect(await count('payments')).toBe(before);
    // Numbers that are kept exactly still are.
    const kept = await postPayment(
      paymentWith('{"phone_number":"254712345678","order":9007199254740991,"ratio":0.25}'),
    );
    expect(kept.status).toBe(201);
    const { payment_id: keptId } = (await kept.json()) as { payment_id: string };
    expect((await gw.client.payments.retrieve(keptId)).metadata).toMatchObject({
      order: 9007199254740991,
      ratio: 0.25,
    });
    // Settled before the next test counts stored callbacks: its own callback is one of them.
    expect((await gw.client.payments.waitFor(keptId, { timeout: 20_000 })).status).toBe(
      'COMPLETED',
    );
  });

  it('cursors this API never wrote, and year-0 date filters, are a 400 on both lists', async () => {
    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      cursor('1|x'),
      cursor('2024-02-30T00:00:00.000000Z|pay_aaaaaaaaaaaaaaaaaaaa'),
      cursor('0000-01-01T00:00:00.000000Z|pay_aaaaaaaaaaaaaaaaaaaa'),
      cursor('2024-01-01T00:00:00.000000Z|pay_aaaaaaaaaaaaaaaaaaa\u0000'),
      cursor('2024-01-01T00:00:00.000000Z|pay_aaaaaaaaaaaaaaaaaaaa|x'),
      'not base64 at all!',
    ]) {
      for (const list of ['/api/v1/payments', '/api/payments', '/api/v1/webhooks']) {
        const answer = await fetch(`${gw.url}${list}?cursor=${encodeURIComponent(bad)}`, {
          headers: headers(),
        });
        expect(answer.status, `${list} ${bad}`).toBe(400);
        expect((await answer.json()).error.field).toBe('cursor');
      }
    }
    for (const field of ['created_from', 'created_to']) {
      const answer = await fetch(`${gw.url}/api/v1/payments?${field}=0000-01-01T00:00:00Z`, {
        headers: headers(),
      });
      expect(answer.status).toBe(400);
      expect((await answer.json()).error.field).toBe(field);
      // PostgreSQL refuses a fraction of 129 digits: named here, never a database error.
      for (const list of ['/api/v1/payments', '/api/payments']) {
        const long = await fetch(
          `${gw.url}${list}?${field}=2026-01-01T00:00:00.${'1'.repeat(129)}Z`,
          { headers: headers() },
        );
        expect(long.status, `${list} ${field}`).toBe(400);
        expect((await long.json()).error).toMatchObject({
          field,
          message: expect.stringMatching(/at most 9 digits/),
        });
      }
      const nanoseconds = await fetch(
        `${gw.url}/api/v1/payments?${field}=2026-01-01T00:00:00.123456789Z`,
        { headers: headers() },
      );
      expect(nanoseconds.status).toBe(200);
    }
    // A cursor the API did write still works.
    const ok = await fetch(
      `${gw.url}/api/v1/payments?cursor=${cursor('2024-01-01T00:00:00.000000Z|pay_aaaaaaaaaaaaaaaaaaaa')}`,
      { headers: headers() },
    );
    expect(ok.status).toBe(200);
  });

  it('callbacks with escaped NUL or lone surrogates are refused with a 400 and nothing is kept', async () => {
    const token = (
      await gw.gateway.db.query<{ value: string }>(
        `select value from settings where name = 'mpesa_callback_token'`,
      )
    )[0]?.value;
    const before = await count('mpesa_callbacks');
    const valid = JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_malformed' }));
    for (const body of [
      valid.replace('ws_CO_malformed', 'ws_CO_a\\u0000'),
      valid.replace(/"ResultDesc":"[^"]*"/, '"ResultDesc":"\\ud800"'),
      valid.replace('NLJ7RT61SV', 'NLJ7\\udc00'),
    ]) {
      expect(body).not.toBe(valid);
      const answer = await fetch(`${gw.url}/callbacks/mpesa/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(answer.status).toBe(400);
      expect((await answer.json()).ResultDesc).toMatch(/^Rejected: .*(NUL|surrogate)/);
    }
    expect(await count('mpesa_callbacks')).toBe(before);
  });

  /** A receiver on loopback answering every webhook with `respond`. */
  async function receiver(
    respond: (response: import('node:http').ServerResponse) => void,
  ): Promise<string> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => respond(response));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }

  /** A payment the simulated customer pays at once, its webhooks going to `url`. */
  const payTo = (url: string) =>
    gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254712345678' },
      callback_url: url,
    });

  const attemptsFor = (url: string) =>
    gw.gateway.db.query<{ status_code: number | null; response_excerpt: string; error: string }>(
      `select a.status_code, a.response_excerpt, a.error from webhook_attempts a
       join webhook_deliveries d on d.id = a.delivery_id where d.url = $1 order by a.attempt`,
      [url],
    );

  it('a receiver that answers an endless body is read for 1 KiB only, and the delivery succeeds', async () => {
    const url = await receiver((response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('y'.repeat(4096)), 5);
      response.on('close', () => clearInterval(timer));
    });
    await payTo(url);
    const attempts = await eventually(
      () => attemptsFor(url),
      (rows) => rows.length >= 1,
    );
    expect(attempts[0]).toMatchObject({ status_code: 200, error: null });
    expect(attempts[0]?.response_excerpt).toBe('y'.repeat(1024));
  });

  it('a receiver answering NUL bytes is logged (made storable) and retried, never stuck', async () => {
    const url = await receiver((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('broken\u0000answer\ud800');
    });
    await payTo(url);
    const attempts = await eventually(
      () => attemptsFor(url),
      (rows) => rows.length >= 2,
    );
    expect(attempts[0]).toMatchObject({
      status_code: 500,
      error: 'HTTP 500',
      response_excerpt: 'broken\ufffdanswer\ufffd',
    });
  });
});

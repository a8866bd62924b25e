import { buildStkCallback } from '@malipo/daraja/testing';
import { describe, expect, it, vi } from 'vitest';
import { createDarajaCallbackCore } from '../src/daraja/callback-core.js';
import { lastPathSegment } from '../src/daraja/route-token.js';
import { createDarajaCallbackHandler } from '../src/daraja.js';

const token = 'cb_2c26b46b68ffc68ff99b453c1d304134';
const url = `https://shop.example/mpesa/callback/${token}`;
const post = (body: string, target = url) =>
  new Request(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('createDarajaCallbackHandler', () => {
  it('acknowledges first, then processes; duplicates of a CheckoutRequestID run once', async () => {
    const onCallback = vi.fn();
    const handler = createDarajaCallbackHandler({ pathToken: token, onCallback, allowlist: false });
    const pending: Promise<unknown>[] = [];
    const body = JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_1', amount: 50 }));
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => handler(post(body), { waitUntil: (p) => pending.push(p) })),
    );
    await Promise.all(pending);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    }
    expect(onCallback).toHaveBeenCalledTimes(1);
    expect(onCallback.mock.calls[0]![0]).toMatchObject({ status: 'completed', amountCents: 5000 });
    expect(onCallback.mock.calls[0]![1].raw).toBe(body);
  });

  it('process-first answers 500 when processing fails, and a redelivery is processed again', async () => {
    let calls = 0;
    const handler = createDarajaCallbackHandler({
      pathToken: token,
      allowlist: false,
      mode: 'process-first',
      onCallback: () => {
        calls += 1;
        if (calls === 1) throw new Error('db down');
      },
    });
    const body = JSON.stringify(
      buildStkCallback({ checkoutRequestId: 'ws_CO_2', resultCode: 1032 }),
    );
    expect((await handler(post(body))).status).toBe(500);
    expect((await handler(post(body))).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('refuses sources outside Safaricom, unwraps ::ffff:, honours trusted proxies only', async () => {
    const onCallback = vi.fn();
    const body = JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_3' }));
    const direct = createDarajaCallbackHandler({
      pathToken: token,
      onCallback,
      mode: 'process-first',
    });
    expect((await direct(post(body), { remoteAddress: '203.0.113.7' })).status).toBe(403);
    const spoofed = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '196.201.214.200' },
      body,
    });
    expect((await direct(spoofed, { remoteAddress: '203.0.113.7' })).status).toBe(403);
    expect((await direct(post(body), { remoteAddress: '::ffff:196.201.214.200' })).status).toBe(
      200,
    );
    const proxied = createDarajaCallbackHandler({
      pathToken: token,
      onCallback,
      mode: 'process-first',
      allowlist: { trustedProxies: ['10.0.0.0/8'] },
    });
    const viaProxy = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '196.201.213.44' },
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_4' })),
    });
    expect((await proxied(viaProxy, { remoteAddress: '10.1.1.1' })).status).toBe(200);
    expect(onCallback).toHaveBeenCalledTimes(2);
  });

  it.each([
    [
      'a wrong path token',
      post('{}', 'https://shop.example/mpesa/callback/cb_wrong_wrong_wrong_wrong'),
      404,
    ],
    ['a non-callback body', post('{"hello":"world"}'), 400],
    ['invalid JSON', post('{"Body":'), 400],
    ['an oversized body', post(JSON.stringify({ pad: 'x'.repeat(70_000) })), 413],
    ['a GET', new Request(url), 405],
  ])('answers %s with %i and never calls onCallback', async (_what, request, status) => {
    const onCallback = vi.fn();
    const handler = createDarajaCallbackHandler({ pathToken: token, onCallback, allowlist: false });
    expect((await handler(request)).status).toBe(status);
    expect(onCallback).not.toHaveBeenCalled();
  });

  it('reads the route token from the path alone, and in linear time whatever the path', () => {
    expect(lastPathSegment(`/mpesa/callback/${token}`)).toBe(token);
    expect(lastPathSegment(`/mpesa/callback/${token}///?x=1#f`)).toBe(token);
    expect(lastPathSegment(`/mpesa/callback/${token}#/other`)).toBe(token);
    expect(lastPathSegment('/')).toBe('');
    expect(lastPathSegment('')).toBe('');
    // A path the router maps to the guard while its raw form runs on: with a regular expression
    // over the slashes, this took minutes.
    const core = createDarajaCallbackCore({ pathToken: token, onCallback: () => {} });
    const answer = core.screen?.({
      method: 'POST',
      path: `/mpesa/callback/x#${'/'.repeat(200_000)}a`,
      headers: { 'content-type': 'application/json' },
      remoteAddress: '196.201.214.200',
    });
    expect(answer?.status).toBe(404);
  });

  it('rejects a short path token at construction', () => {
    expect(() => createDarajaCallbackHandler({ pathToken: 'short', onCallback: vi.fn() })).toThrow(
      /at least 16/,
    );
  });
});

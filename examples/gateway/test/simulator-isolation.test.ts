import { request } from 'node:http';
import { createDaraja, createMemoryTokenStore, isDarajaApiError } from '@malipo/daraja';
import { sandbox } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';
import { simulatorPrefix } from '../src/mpesa/mpesa.js';
import { gatewayCallbackUrls } from '../src/mpesa/simulator-guard.js';
import { buniSimulatorPrefix } from '../src/providers/buni/buni.js';
import { startStandaloneSimulator } from '../src/simulator.js';
import { startTestGateway, type TestGateway } from './support/harness.js';

describe('the built-in simulator cannot be turned against anyone', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  const oauthPath = `${simulatorPrefix}/oauth/v1/generate?grant_type=client_credentials`;

  it('answers loopback callers only', async () => {
    // The request as the Node server hands it over from a non-loopback interface.
    const fromOutside = (address: string) =>
      gw.gateway.handle?.(new Request(`${gw.url}${oauthPath}`), {
        incoming: { socket: { remoteAddress: address } },
      }) as Promise<Response>;
    for (const address of ['203.0.113.7', '192.168.1.20', '::ffff:10.0.0.8', '2001:db8::1']) {
      const outside = await fromOutside(address);
      expect(outside.status).toBe(404);
      expect((await outside.json()).error.message).toMatch(/loopback callers only/);
    }
    expect((await fromOutside('::ffff:127.0.0.1')).status).toBe(400);
    const inside = await fetch(`${gw.url}${oauthPath}`);
    expect(inside.status).toBe(400); // Daraja's answer to missing credentials
  });

  it('answers a method the simulators do not speak with a 404, TRACE included', async () => {
    // fetch cannot send TRACE: a raw request, as any HTTP client on this machine can.
    const send = (method: string, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${gw.url}${path}`, { method }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const prefix of [simulatorPrefix, buniSimulatorPrefix]) {
      for (const method of ['TRACE', 'PUT', 'DELETE']) {
        const answer = await send(method, `${prefix}/x`);
        expect(answer.status, `${method} ${prefix}`).toBe(404);
        expect(JSON.parse(answer.body).error).toMatchObject({
          code: 'NOT_FOUND',
          message: expect.stringMatching(/answers GET and POST only/),
        });
      }
    }
    // GET and POST still reach the simulator: Daraja's own answer to missing credentials.
    expect((await send('GET', oauthPath)).status).toBe(400);
  });

  it('posts callbacks to this gateway only: another CallBackURL is refused', async () => {
    const daraja = createDaraja({
      environment: { baseUrl: `${gw.url}${simulatorPrefix}` },
      consumerKey: 'simulator',
      consumerSecret: 'simulator',
      shortcode: sandbox.shortcode,
      passkey: sandbox.passkey,
      callbackUrl: 'http://127.0.0.1:9/somewhere-else',
      tokenStore: createMemoryTokenStore(),
    });
    const refused = await daraja
      .stkPush({ amount: 1, phone: '254708374149', accountReference: 'x', transactionDesc: 'x' })
      .catch((error: unknown) => error);
    expect(isDarajaApiError(refused) && refused.errorMessage).toBe(
      'Bad Request - Invalid CallBackURL',
    );
  });

  it("the standalone simulator posts payouts', refunds', status and balance results to the gateway, nowhere else", () => {
    const allowed = gatewayCallbackUrls('https://pay.example.com');
    for (const path of [
      'tok_1',
      'tok_1/results/payout/po_1',
      'tok_1/timeouts/refund/re_1',
      'tok_1/results/status/po_1',
      'tok_1/results/status/po_1-1764464400123',
      'tok_1/results/balance/bal_1',
    ]) {
      expect(allowed(`http://127.0.0.1:18002/callbacks/mpesa/${path}`)).toBe(true);
      expect(allowed(`https://pay.example.com/callbacks/mpesa/${path}`)).toBe(true);
      expect(allowed(`https://evil.example/callbacks/mpesa/${path}`)).toBe(false);
    }
    for (const path of [
      'tok_1/other',
      'tok_1/results/invoice/x',
      'tok_1/results/payout/x/y',
      'tok_1/results/payout/x?next=1',
    ]) {
      expect(allowed(`http://127.0.0.1:18002/callbacks/mpesa/${path}`)).toBe(false);
    }
  });

  it('the standalone simulator refuses to listen beyond loopback', async () => {
    await expect(
      startStandaloneSimulator(loadConfig({ HOST: '0.0.0.0' }), 0),
    ).rejects.toBeInstanceOf(GatewayConfigError);
  });
});

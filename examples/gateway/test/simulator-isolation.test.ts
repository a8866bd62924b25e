import { createDaraja, createMemoryTokenStore, isDarajaApiError } from '@malipo/daraja';
import { sandbox } from '@malipo/daraja/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';
import { simulatorPrefix } from '../src/mpesa/mpesa.js';
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

  it('the standalone simulator refuses to listen beyond loopback', async () => {
    await expect(
      startStandaloneSimulator(loadConfig({ HOST: '0.0.0.0' }), 0),
    ).rejects.toBeInstanceOf(GatewayConfigError);
  });
});

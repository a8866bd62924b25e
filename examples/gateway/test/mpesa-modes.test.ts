import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';

const credentials = (prefix: string, extra: Record<string, string> = {}) => ({
  [`${prefix}CONSUMER_KEY`]: 'key',
  [`${prefix}CONSUMER_SECRET`]: 'secret',
  [`${prefix}SHORTCODE`]: '174379',
  [`${prefix}PASSKEY`]: 'passkey',
  [`${prefix}INITIATOR_NAME`]: 'api-operator',
  [`${prefix}INITIATOR_PASSWORD`]: 'operator-password',
  ...extra,
});

describe("the certificate that encrypts each mode's initiator password", () => {
  it("is the mode's own, also when BASE_URL sends Daraja requests through a proxy", () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://pay.example.com',
      ...credentials('MPESA_TEST_', { MPESA_TEST_BASE_URL: 'https://sandbox-proxy.internal' }),
      ...credentials('MPESA_LIVE_', { MPESA_LIVE_BASE_URL: 'https://daraja-proxy.internal' }),
    });
    const { test, live } = config.mpesa;
    expect(test.kind === 'daraja' && test.certificate).toBe('sandbox');
    expect(test.kind === 'daraja' && test.environment).toEqual({
      baseUrl: 'https://sandbox-proxy.internal',
    });
    expect(live?.certificate).toBe('production');
    expect(live?.environment).toEqual({ baseUrl: 'https://daraja-proxy.internal' });
  });

  it("is the named environment's for the single legacy set", () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://pay.example.com',
      MPESA_ENVIRONMENT: 'production',
      ...credentials('MPESA_', { MPESA_BASE_URL: 'https://daraja-proxy.internal' }),
    });
    expect(config.mpesa.live?.certificate).toBe('production');
  });
});

describe('live mode against production', () => {
  it('refuses a PUBLIC_URL that is missing or not https, naming the variable', () => {
    for (const PUBLIC_URL of [undefined, 'http://pay.example.com']) {
      let issues: readonly string[] = [];
      try {
        loadConfig({ ...credentials('MPESA_LIVE_'), ...(PUBLIC_URL ? { PUBLIC_URL } : {}) });
      } catch (error) {
        issues = (error as { issues: readonly string[] }).issues;
      }
      expect(issues).toEqual([
        expect.stringMatching(
          /^PUBLIC_URL: live mode calls Safaricom production, which sends callbacks only to a public https:\/\/ address/,
        ),
      ]);
    }
    expect(() =>
      loadConfig({ ...credentials('MPESA_LIVE_'), PUBLIC_URL: 'https://pay.example.com' }),
    ).not.toThrow();
  });
});

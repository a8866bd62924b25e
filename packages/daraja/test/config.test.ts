import { describe, expect, it } from 'vitest';
import { createDaraja, type DarajaOptions } from '../src/index.js';

const valid: DarajaOptions = {
  environment: 'sandbox',
  consumerKey: 'key',
  consumerSecret: 'secret',
  shortcode: '174379',
  passkey: 'passkey',
};

describe('createDaraja configuration', () => {
  it('accepts a valid configuration and reports the environment without secrets', () => {
    const daraja = createDaraja(valid);
    expect(daraja.environment).toEqual({
      name: 'sandbox',
      baseUrl: 'https://sandbox.safaricom.co.ke',
    });
    expect(
      createDaraja({ ...valid, environment: { baseUrl: 'http://127.0.0.1:4010/' } }).environment,
    ).toEqual({
      name: 'custom',
      baseUrl: 'http://127.0.0.1:4010',
    });
    expect(JSON.stringify(daraja)).not.toContain('secret');
  });

  it.each([
    ['environment', { environment: 'staging' }],
    ['environment.baseUrl', { environment: { baseUrl: 'not a url' } }],
    ['consumerKey', { consumerKey: '' }],
    ['consumerSecret', { consumerSecret: undefined }],
    ['shortcode', { shortcode: 'abc' }],
    ['shortcode', { shortcode: 174379 }],
    ['passkey', { passkey: '   ' }],
    ['tillNumber', { tillNumber: '12' }],
    ['callbackUrl', { callbackUrl: 'example.com/cb' }],
    ['callbackUrl', { environment: 'production', callbackUrl: 'http://example.com/cb' }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['retry.limit', { retry: { limit: 1.5 } }],
    ['rateLimit.limit', { rateLimit: { limit: 0, intervalMs: 60_000 } }],
    ['fetch', { fetch: 'yes' }],
    ['tokenStore', { tokenStore: {} }],
    ['initiator', { initiator: 'testapi' }],
    ['initiator.name', { initiator: { name: ' ', securityCredential: 'A'.repeat(344) } }],
    [
      'initiator.securityCredential',
      { initiator: { name: 'testapi', securityCredential: 'Safaricom999!*!' } },
    ],
    ['b2cShortcode', { b2cShortcode: '60' }],
    ['resultUrl', { resultUrl: '/relative' }],
    ['queueTimeoutUrl', { environment: 'production', queueTimeoutUrl: 'http://example.com/t' }],
    ['resultUrl', { environment: 'production', resultUrl: 'http://example.com/r' }],
    ['(root)', null],
  ])('rejects a bad %s with a DarajaConfigError naming it', (field, patch) => {
    const options = patch === null ? null : { ...valid, ...patch };
    expect(() => createDaraja(options as unknown as DarajaOptions)).toThrow(
      expect.objectContaining({ name: 'DarajaConfigError', code: 'invalid_config', field }),
    );
  });

  it('tells a plain password from a SecurityCredential', () => {
    const error = (() => {
      try {
        createDaraja({
          ...valid,
          initiator: { name: 'testapi', securityCredential: 'Safaricom999!*!' },
        });
      } catch (e) {
        return e;
      }
    })();
    expect((error as Error).message).toMatch(/not the password itself/);
    expect((error as Error).message).toMatch(/createSecurityCredential/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createDarajaCallbackHandler } from '../src/daraja.js';
import {
  createWebhookHandler,
  isWebhookOptionsError,
  isWebhookVerificationError,
  WebhookOptionsError,
} from '../src/index.js';

const onEvent = () => {};
const onCallback = () => {};
const pathToken = 'cb_2c26b46b68ffc68ff99b453c1d304134';

/** Builds, expecting the build itself to throw; returns what was thrown. */
function buildError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected the build to throw');
}

describe('options are checked when a handler is built', () => {
  it('a missing or empty secret is a WebhookOptionsError naming `secret`', () => {
    for (const secret of [undefined, null, '', '  ', [], ['whsec_ok', ''], 42]) {
      const error = buildError(() => createWebhookHandler({ secret, onEvent } as never));
      expect(error, String(secret)).toBeInstanceOf(WebhookOptionsError);
      expect(error).toMatchObject({
        name: 'WebhookOptionsError',
        code: 'invalid_options',
        field: 'secret',
        status: 500,
      });
      expect((error as Error).message).toMatch(/^@malipo\/webhooks: .*`secret`.*environment/);
      expect(isWebhookOptionsError(error)).toBe(true);
      // Still one family: catch-alls that match the package's base error keep working.
      expect(isWebhookVerificationError(error)).toBe(true);
    }
  });

  it('a secret the scheme cannot use is refused when built, not with a 500 per delivery', () => {
    const cases: [unknown, RegExp][] = [
      ['not base64!', /standard-webhooks cannot use it: a whsec_ secret must be base64/],
      [['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_%%%'], /must be base64/],
      ['whpk_c2hvcnQ=', /a whpk_ key must hold a 32-byte Ed25519 public key/],
      // The sender's private key verifies nothing, and must not sit on the receiver.
      [`whsk_${Buffer.alloc(32, 7).toString('base64')}`, /verify with the whpk_ public key/],
    ];
    for (const [secret, says] of cases) {
      const error = buildError(() => createWebhookHandler({ secret, onEvent } as never));
      expect(error, String(secret)).toBeInstanceOf(WebhookOptionsError);
      expect(error).toMatchObject({ field: 'secret', code: 'invalid_options' });
      expect((error as Error).message).toMatch(says);
      expect((error as Error).cause).toMatchObject({ code: 'invalid_secret' });
    }
    // A scheme without checkSecret takes any non-empty string, as before.
    const anyString = {
      name: 'custom',
      verify: async () => ({ id: undefined, timestamp: undefined }),
      sign: async () => ({}),
    };
    expect(() =>
      createWebhookHandler({ secret: 'not base64!', onEvent, scheme: anyString }),
    ).not.toThrow();
  });

  it('names the webhook option that is wrong', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const cases: [string, Record<string, unknown>][] = [
      ['onEvent', { secret }],
      ['maxBodyBytes', { secret, onEvent, maxBodyBytes: Number('not set') }],
      ['maxBodyBytes', { secret, onEvent, maxBodyBytes: -1 }],
      ['lockMs', { secret, onEvent, lockMs: 0 }],
      ['dedupeTtlMs', { secret, onEvent, dedupeTtlMs: Number.NaN }],
      ['store', { secret, onEvent, store: { begin() {} } }],
      ['scheme', { secret, onEvent, scheme: {} }],
      [
        'scheme',
        { secret, onEvent, scheme: { name: 'x', verify() {}, sign() {}, checkSecret: true } },
      ],
      ['parse', { secret, onEvent, parse: 'json' }],
      // NaN or a missing half would silently disable the replay window.
      ['tolerance', { secret, onEvent, tolerance: Number.NaN }],
      ['tolerance', { secret, onEvent, tolerance: { past: 300 } }],
      ['tolerance', { secret, onEvent, tolerance: Number.POSITIVE_INFINITY }],
      ['onError', { secret, onEvent, onError: true }],
    ];
    for (const [field, options] of cases) {
      expect(
        buildError(() => createWebhookHandler(options as never)),
        field,
      ).toMatchObject({
        name: 'WebhookOptionsError',
        field,
      });
    }
  });

  it('names the Daraja guard option that is wrong', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['pathToken', { onCallback }],
      ['pathToken', { pathToken: 'short', onCallback }],
      // Long enough, but no callback URL's last segment could ever equal it.
      ['pathToken', { pathToken: 'mpesa/callback/8f1c2d3e4f5a6b7c', onCallback }],
      ['pathToken', { pathToken: '8f1c2d3e4f5a6b7c?x=1', onCallback }],
      ['pathToken', { pathToken: '8f1c2d3e 4f5a6b7c', onCallback }],
      ['onCallback', { pathToken }],
      ['mode', { pathToken, onCallback, mode: 'process-later' }],
      ['maxBodyBytes', { pathToken, onCallback, maxBodyBytes: Number.NaN }],
      ['lockMs', { pathToken, onCallback, lockMs: -5 }],
      ['store', { pathToken, onCallback, store: {} }],
      ['allowlist', { pathToken, onCallback, allowlist: { allow: ['not-an-address'] } }],
      ['onError', { pathToken, onCallback, onError: 'console' }],
    ];
    for (const [field, options] of cases) {
      expect(
        buildError(() => createDarajaCallbackHandler(options as never)),
        field,
      ).toMatchObject({ name: 'WebhookOptionsError', field });
    }
  });

  it('the guard matches by name, so a copy from another bundle is recognised', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'WebhookOptionsError',
      code: 'invalid_options',
      field: 'secret',
    });
    expect(isWebhookOptionsError(foreign)).toBe(true);
    expect(isWebhookOptionsError(new Error('x'))).toBe(false);
  });

  it('valid options build without throwing, and nothing is called at build time', () => {
    const spy = vi.fn();
    expect(() =>
      createWebhookHandler({
        secret: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2Vjb25kIHNlY3JldA=='],
        onEvent: spy,
        store: false,
      }),
    ).not.toThrow();
    expect(() =>
      createDarajaCallbackHandler({ pathToken, onCallback: spy, mode: 'process-first' }),
    ).not.toThrow();
    expect(spy).not.toHaveBeenCalled();
  });
});

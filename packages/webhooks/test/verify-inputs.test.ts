import { describe, expect, it, vi } from 'vitest';
import { createWebhookCore } from '../src/adapter.js';
import { createDarajaCallbackHandler } from '../src/daraja.js';
import {
  createWebhookHandler,
  safeVerifyWebhook,
  standardWebhooks,
  stripeSignature,
  verifyWebhook,
  WebhookOptionsError,
} from '../src/index.js';
import { generateWebhookSecret, signTestWebhook } from '../src/testing/index.js';
import { verifyStandardWebhook } from '../src/verify.js';
import { paymentCompletedEvent } from './support/events.js';

const secret = generateWebhookSecret();
const body = JSON.stringify(paymentCompletedEvent('evt_1'));
const nowSeconds = Math.floor(Date.now() / 1000);

/** Standard Webhooks headers signed `offset` seconds from now. */
const signedAt = async (offset: number) =>
  (await signTestWebhook(body, { secret, id: 'msg_1', timestamp: nowSeconds + offset })).headers;

const entries = {
  verifyWebhook: (headers: Record<string, string>, options: object) =>
    verifyWebhook(standardWebhooks, body, headers, { secret, ...options }),
  'the /verify entry': (headers: Record<string, string>, options: object) =>
    verifyStandardWebhook(body, headers, { secret, ...options }),
};

describe.each(Object.entries(entries))(
  '%s: a malformed replay window fails closed',
  (_, verify) => {
    it.each([
      ['NaN', Number.NaN],
      ['a string', '300'],
      ['an object without halves', {}],
      ['a missing future half', { past: 300 }],
      ['a negative number', -1],
      ['Infinity', Number.POSITIVE_INFINITY],
    ])('tolerance as %s is a WebhookOptionsError naming it, at any age', async (_, tolerance) => {
      for (const offset of [-100_000, 0, 100_000]) {
        await expect(verify(await signedAt(offset), { tolerance })).rejects.toMatchObject({
          name: 'WebhookOptionsError',
          code: 'invalid_options',
          field: 'tolerance',
        });
      }
    });

    it('a now() that answers NaN is a WebhookOptionsError naming it', async () => {
      await expect(
        verify(await signedAt(-100_000), { now: () => Number.NaN }),
      ).rejects.toMatchObject({ name: 'WebhookOptionsError', field: 'now' });
    });

    it('a well-formed window still refuses the stale and accepts the fresh', async () => {
      await expect(verify(await signedAt(-301), { tolerance: 300 })).rejects.toMatchObject({
        code: 'timestamp_too_old',
      });
      await expect(
        verify(await signedAt(0), { tolerance: { past: 60, future: 5 } }),
      ).resolves.toEqual({ id: 'msg_1', timestamp: nowSeconds });
    });

    it.each([undefined, null, 'whsec_x'])(
      'options %j are a WebhookOptionsError',
      async (options) => {
        const call =
          verify === entries.verifyWebhook
            ? verifyWebhook(standardWebhooks, body, await signedAt(0), options as never)
            : verifyStandardWebhook(body, await signedAt(0), options as never);
        await expect(call).rejects.toMatchObject({ name: 'WebhookOptionsError', field: 'options' });
      },
    );
  },
);

describe('headers from a look-alike of Fetch Headers', () => {
  it('a Map whose values are lists is read like Node headers', async () => {
    const headers = new Map(Object.entries(await signedAt(0)).map(([k, v]) => [k, [v]]));
    await expect(
      verifyWebhook(standardWebhooks, body, headers as never, { secret }),
    ).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('a get() that answers a number is a typed error, also from safeVerifyWebhook', async () => {
    const headers = { get: () => 5, has: () => true };
    await expect(
      safeVerifyWebhook(stripeSignature, body, headers as never, { secret }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid_header' } });
    await expect(
      safeVerifyWebhook(standardWebhooks, body, headers as never, { secret }),
    ).resolves.toMatchObject({ ok: false });
  });
});

describe('a mistyped whsec_ secret is refused, never read as another key', () => {
  it.each([
    ['the prefix twice', 'whsec_whsec_abcd'],
    ['the prefix in capitals', 'WHSEC_abcd'],
    ['URL-safe characters', 'whsec_ab-_'],
    ['a whole secret pasted after the prefix', `whsec_${secret}`],
    ['33 bytes in URL-safe base64', `whsec_${'ab-_'.repeat(11)}`],
  ])('%s: invalid_secret when verifying, signing and building a handler', async (_, wrong) => {
    await expect(
      verifyWebhook(standardWebhooks, body, await signedAt(0), { secret: wrong }),
    ).rejects.toMatchObject({ code: 'invalid_secret' });
    await expect(standardWebhooks.sign(body, { secret: wrong })).rejects.toMatchObject({
      code: 'invalid_secret',
    });
    await expect(
      verifyStandardWebhook(body, await signedAt(0), { secret: wrong }),
    ).rejects.toMatchObject({ code: 'invalid_secret' });
    expect(() => createWebhookHandler({ secret: wrong, onEvent: () => {} })).toThrow(
      WebhookOptionsError,
    );
  });
});

describe('a whsec_ secret without its = padding', () => {
  it('is the same key as with it', async () => {
    const padded = `whsec_${btoa('a secret of 25 bytes long.')}`;
    expect(padded.endsWith('=')).toBe(true);
    const headers = (await signTestWebhook(body, { secret: padded, id: 'msg_1' })).headers;
    await expect(
      verifyWebhook(standardWebhooks, body, headers, { secret: padded.replace(/=+$/, '') }),
    ).resolves.toMatchObject({ id: 'msg_1' });
  });
});

describe('Stripe-Signature', () => {
  it('more than 16 v1 signatures is invalid_header, not 16 × secrets HMAC comparisons', async () => {
    const { headers } = await signTestWebhook(body, { secret, scheme: stripeSignature });
    const many = `${headers['stripe-signature']}${',v1=00'.repeat(16)}`;
    await expect(
      verifyWebhook(stripeSignature, body, { 'stripe-signature': many }, { secret }),
    ).rejects.toMatchObject({ code: 'invalid_header' });
  });
});

describe('a body given as text', () => {
  it('a leading byte order mark is dropped from a string, as from bytes', async () => {
    const onEvent = vi.fn();
    const core = createWebhookCore({ secret, onEvent });
    const text = `\uFEFF${body}`;
    const { headers } = await signTestWebhook(text, { secret });
    for (const sent of [text, new TextEncoder().encode(text)]) {
      const answer = await core.handle({ method: 'POST', headers, body: sent });
      await answer.processing;
      expect(answer.status, typeof sent).toBe(200);
    }
    expect(onEvent).toHaveBeenCalledTimes(1);
  });
});

describe('the Daraja guard’s route token', () => {
  it.each(['"', 'ü', '<', '%41', '`', '{'])(
    'a token holding %s (carried percent-encoded in a URL) is refused when built',
    (character) => {
      expect(() =>
        createDarajaCallbackHandler({
          pathToken: `8f1c2d3e4f5a6b7c${character}`,
          onCallback: () => {},
        }),
      ).toThrow(expect.objectContaining({ name: 'WebhookOptionsError', field: 'pathToken' }));
    },
  );

  it("a token of base64 or RFC 3986's other path characters is accepted", () => {
    for (const pathToken of ['8f1c2d3e4f5a6b7c+x=', "a.b_c~d-e!$&'()*,;:@"]) {
      expect(() => createDarajaCallbackHandler({ pathToken, onCallback: () => {} })).not.toThrow();
    }
  });
});

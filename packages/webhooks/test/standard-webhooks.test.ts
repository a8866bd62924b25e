import { describe, expect, it } from 'vitest';
import { webCryptoProvider } from '../src/crypto/web-crypto.js';
import {
  safeVerifyWebhook,
  standardWebhooks,
  verifyWebhook,
  WebhookVerificationError,
} from '../src/index.js';
import { nodeCryptoProvider } from '../src/index.node.js';
import { generateEd25519Keys } from '../src/testing/index.js';
import {
  referenceSecret as secret,
  referenceVector as vector,
} from './support/reference-vector.js';

const headersFor = (
  signature = vector.signature,
  timestamp = vector.timestamp,
  id = vector.id,
) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
});
const at = (seconds: number) => () => seconds * 1000;

describe.each([
  ['WebCrypto', webCryptoProvider],
  ['node:crypto', nodeCryptoProvider],
] as const)('standardWebhooks (%s)', (_name, crypto) => {
  const options = { secret, crypto, now: at(vector.timestamp) };

  it('verifies the reference vector as string, bytes, ArrayBuffer and with Headers', async () => {
    const bytes = new TextEncoder().encode(vector.payload);
    for (const payload of [vector.payload, bytes, bytes.buffer]) {
      await expect(
        verifyWebhook(standardWebhooks, payload, headersFor(), options),
      ).resolves.toEqual({ id: vector.id, timestamp: vector.timestamp });
    }
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, new Headers(headersFor()), options),
    ).resolves.toBeDefined();
    await expect(
      verifyWebhook(
        standardWebhooks,
        vector.payload,
        {
          'Webhook-Id': vector.id,
          'WEBHOOK-TIMESTAMP': [String(vector.timestamp)],
          'webhook-signature': vector.signature,
        },
        options,
      ),
    ).resolves.toBeDefined();
  });

  it('accepts the secret without its whsec_ prefix', async () => {
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, headersFor(), {
        ...options,
        secret: secret.slice(6),
      }),
    ).resolves.toBeDefined();
  });

  it('signs the reference vector exactly', async () => {
    expect(
      await standardWebhooks.sign(vector.payload, {
        secret,
        id: vector.id,
        timestamp: vector.timestamp,
        crypto,
      }),
    ).toEqual(headersFor());
  });

  it('finds a match among several signatures and several secrets (rotation)', async () => {
    const other = 'whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=';
    const signed = await standardWebhooks.sign(vector.payload, {
      secret: [other, secret],
      id: vector.id,
      timestamp: vector.timestamp,
      crypto,
    });
    expect(signed['webhook-signature']!.split(' ')).toHaveLength(2);
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, signed, options),
    ).resolves.toBeDefined();
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, headersFor(`v1,bogus ${vector.signature}`), {
        ...options,
        secret: [other, secret],
      }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['tampered body', { payload: '{"test": 2432232315}' }, 'signature_mismatch'],
    [
      'wrong secret',
      { secret: 'whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA==' },
      'signature_mismatch',
    ],
    ['stale timestamp', { now: at(vector.timestamp + 301) }, 'timestamp_too_old'],
    ['future timestamp', { now: at(vector.timestamp - 301) }, 'timestamp_too_new'],
    [
      'missing id',
      { headers: { 'webhook-timestamp': '1614265330', 'webhook-signature': vector.signature } },
      'missing_header',
    ],
    [
      'missing signature',
      { headers: { 'webhook-id': vector.id, 'webhook-timestamp': '1614265330' } },
      'missing_header',
    ],
    [
      'non-numeric timestamp',
      { headers: headersFor(vector.signature, 'soon' as unknown as number) },
      'invalid_header',
    ],
    ['no v1 entry', { headers: headersFor('v2,abc') }, 'invalid_header'],
    ['short signature', { headers: headersFor('v1,g0hM') }, 'signature_mismatch'],
    ['secret not base64', { secret: 'whsec_***' }, 'invalid_secret'],
    ['empty secret', { secret: '' }, 'invalid_secret'],
    ['parsed body', { payload: { test: 2432232314 } }, 'body_already_parsed'],
  ] as const)('rejects a %s with %s', async (_what, change, code) => {
    const c = change as {
      payload?: unknown;
      secret?: string;
      now?: () => number;
      headers?: Record<string, string>;
    };
    const result = await safeVerifyWebhook(
      standardWebhooks,
      (c.payload ?? vector.payload) as string,
      c.headers ?? headersFor(),
      {
        ...options,
        ...(c.secret !== undefined ? { secret: c.secret } : {}),
        ...(c.now ? { now: c.now } : {}),
      },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(WebhookVerificationError);
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(/^@malipo\/webhooks: /);
    }
  });

  it('reads at most 16 signatures from one header (each v1a costs a verification)', async () => {
    const many = Array.from({ length: 17 }, () => 'v1,bogus').join(' ');
    await expect(
      verifyWebhook(
        standardWebhooks,
        vector.payload,
        headersFor(`${many} ${vector.signature}`),
        options,
      ),
    ).rejects.toMatchObject({ code: 'invalid_header', status: 400 });
    const sixteen = Array.from({ length: 15 }, () => 'v1,bogus').join(' ');
    await expect(
      verifyWebhook(
        standardWebhooks,
        vector.payload,
        headersFor(`${sixteen} ${vector.signature}`),
        options,
      ),
    ).resolves.toBeDefined();
  });

  it('honours a one-sided tolerance', async () => {
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, headersFor(), {
        ...options,
        now: at(vector.timestamp - 100),
        tolerance: { past: 300, future: 30 },
      }),
    ).rejects.toMatchObject({ code: 'timestamp_too_new', status: 400 });
  });

  it('reads a signature header sent as two lines (joined with ", ")', async () => {
    const { secretKey, publicKey } = await generateEd25519Keys();
    const signed = await standardWebhooks.sign(vector.payload, {
      secret: secretKey,
      id: vector.id,
      timestamp: vector.timestamp,
      crypto,
    });
    for (const [signature, key] of [
      [vector.signature, secret],
      [signed['webhook-signature']!, publicKey],
    ] as const) {
      await expect(
        verifyWebhook(standardWebhooks, vector.payload, headersFor(`${signature}, v1,AAAA`), {
          ...options,
          secret: key,
        }),
      ).resolves.toEqual({ id: vector.id, timestamp: vector.timestamp });
    }
    // Only a separator is read that way: a comma inside an entry still fails.
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, headersFor(`${vector.signature},x`), options),
    ).rejects.toMatchObject({ code: 'signature_mismatch' });
  });

  it('signs and verifies Ed25519 (v1a) with whsk_/whpk_ keys', async () => {
    const { secretKey, publicKey } = await generateEd25519Keys();
    const signed = await standardWebhooks.sign(vector.payload, {
      secret: secretKey,
      id: 'msg_ed',
      timestamp: vector.timestamp,
      crypto,
    });
    expect(signed['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, signed, { ...options, secret: publicKey }),
    ).resolves.toEqual({ id: 'msg_ed', timestamp: vector.timestamp });
    await expect(
      verifyWebhook(standardWebhooks, `${vector.payload} `, signed, {
        ...options,
        secret: publicKey,
      }),
    ).rejects.toMatchObject({ code: 'signature_mismatch' });
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, signed, { ...options, secret: secretKey }),
    ).rejects.toMatchObject({ code: 'invalid_secret' });
    // Mixed header: HMAC and Ed25519 side by side, each verified by its own key.
    const both = await standardWebhooks.sign(vector.payload, {
      secret: [secret, secretKey],
      id: 'msg_ed',
      timestamp: vector.timestamp,
      crypto,
    });
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, both, { ...options, secret }),
    ).resolves.toBeDefined();
    await expect(
      verifyWebhook(standardWebhooks, vector.payload, both, { ...options, secret: publicKey }),
    ).resolves.toBeDefined();
  });
});

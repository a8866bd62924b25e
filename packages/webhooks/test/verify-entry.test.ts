import * as verifyEntry from '@malipo/webhooks/verify';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import { generateEd25519Keys, generateWebhookSecret } from '../src/testing/index.js';
import * as webCryptoEntry from '../src/verify.js';
import * as nodeEntry from '../src/verify.node.js';
import {
  referenceSecret as secret,
  referenceVector as vector,
} from './support/reference-vector.js';

const headers = {
  'webhook-id': vector.id,
  'webhook-timestamp': String(vector.timestamp),
  'webhook-signature': vector.signature,
};
const now = () => vector.timestamp * 1000;

describe('@malipo/webhooks/verify', () => {
  it('exports verification alone: the function, its error and the guard', () => {
    for (const entry of [verifyEntry, webCryptoEntry, nodeEntry]) {
      expect(Object.keys(entry).sort()).toEqual([
        'WebhookVerificationError',
        'isWebhookVerificationError',
        'verifyStandardWebhook',
      ]);
      // One error class: what the main entry catches is what this entry throws.
      expect(entry.WebhookVerificationError).toBe(main.WebhookVerificationError);
    }
  });

  describe.each([
    ['WebCrypto (default condition)', webCryptoEntry.verifyStandardWebhook],
    ['node:crypto (node condition)', nodeEntry.verifyStandardWebhook],
  ] as const)('%s', (_name, verifyStandardWebhook) => {
    it('verifies the reference vector as text, bytes, ArrayBuffer and Fetch Headers', async () => {
      const bytes = new TextEncoder().encode(vector.payload);
      for (const payload of [vector.payload, bytes, bytes.buffer]) {
        await expect(verifyStandardWebhook(payload, headers, { secret, now })).resolves.toEqual({
          id: vector.id,
          timestamp: vector.timestamp,
        });
      }
      await expect(
        verifyStandardWebhook(vector.payload, new Headers(headers), { secret, now }),
      ).resolves.toEqual({ id: vector.id, timestamp: vector.timestamp });
    });

    it('verifies what standardWebhooks signs, with several secrets and signatures', async () => {
      const other = generateWebhookSecret();
      const signed = await main.standardWebhooks.sign('{"id":"evt_1"}', {
        secret: [other, secret],
      });
      await expect(verifyStandardWebhook('{"id":"evt_1"}', signed, { secret })).resolves.toEqual({
        id: signed['webhook-id'],
        timestamp: Number(signed['webhook-timestamp']),
      });
      await expect(
        verifyStandardWebhook('{"id":"evt_1"}', signed, { secret: ['whsec_AAAA', other] }),
      ).resolves.toBeDefined();
    });

    it.each([
      ['a tampered body', `${vector.payload} `, headers, {}, 'signature_mismatch'],
      [
        'a stale timestamp',
        vector.payload,
        headers,
        { now: () => now() + 301_000 },
        'timestamp_too_old',
      ],
      [
        'a future timestamp',
        vector.payload,
        headers,
        { now: () => now() - 301_000 },
        'timestamp_too_new',
      ],
      ['a missing header', vector.payload, { ...headers, 'webhook-id': '' }, {}, 'missing_header'],
      [
        'no v1 signature',
        vector.payload,
        { ...headers, 'webhook-signature': 'v2,abc' },
        {},
        'invalid_header',
      ],
      ['a parsed body', { test: 2432232314 }, headers, {}, 'body_already_parsed'],
      [
        'a secret that is not base64',
        vector.payload,
        headers,
        { secret: 'whsec_***' },
        'invalid_secret',
      ],
    ] as const)(
      'refuses %s with %s, as the main entry does',
      async (_what, payload, given, change, code) => {
        const options = { secret, now, ...change };
        const error = await verifyStandardWebhook(payload as string, given, options).catch(
          (e) => e,
        );
        expect(error).toBeInstanceOf(main.WebhookVerificationError);
        expect(error).toMatchObject({ code, status: main.webhookErrorStatus[code] });
        expect(error.message).toMatch(/^@malipo\/webhooks: /);
        const viaMain = await main
          .verifyWebhook(main.standardWebhooks, payload as string, given, options)
          .catch((e) => e);
        expect(viaMain).toMatchObject({ code, message: error.message });
      },
    );

    it('refuses an Ed25519 key, naming the entry that checks it', async () => {
      const { publicKey } = await generateEd25519Keys();
      await expect(
        verifyStandardWebhook(vector.payload, headers, { secret: publicKey, now }),
      ).rejects.toMatchObject({
        code: 'invalid_secret',
        message: expect.stringContaining('standardWebhooks from @malipo/webhooks'),
      });
    });
  });
});

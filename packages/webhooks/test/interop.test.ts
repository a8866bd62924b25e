import { createHmac, timingSafeEqual } from 'node:crypto';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { webCryptoProvider } from '../src/crypto/web-crypto.js';
import {
  githubHmac,
  standardWebhooks,
  stripeSignature,
  verifyWebhook,
  webhookSignatureHmac,
} from '../src/index.js';
import { nodeCryptoProvider } from '../src/index.node.js';

const providers = [
  ['WebCrypto', webCryptoProvider],
  ['node:crypto', nodeCryptoProvider],
] as const;

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const payload = '{"event":"payment.completed","payment_id":"pay_1","amount_cents":10000}';

describe.each(providers)('interop with independent implementations (%s)', (_name, crypto) => {
  it('standardwebhooks signatures verify with ours', async () => {
    const now = new Date();
    const signature = new Webhook(secret).sign('msg_1', now, payload);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    };
    await expect(
      verifyWebhook(standardWebhooks, payload, headers, { secret, crypto }),
    ).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('our Standard Webhooks signatures verify with standardwebhooks', async () => {
    const headers = await standardWebhooks.sign(payload, { secret, id: 'msg_2', crypto });
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
  });

  it("Stripe's generateTestHeaderString verifies with our Stripe scheme", async () => {
    const stripeSecret = 'whsec_test_secret_for_stripe';
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
    await expect(
      verifyWebhook(
        stripeSignature,
        payload,
        { 'stripe-signature': header },
        { secret: stripeSecret, crypto },
      ),
    ).resolves.toMatchObject({
      timestamp: expect.any(Number),
    });
    // And ours verifies with stripe-node.
    const ours = await stripeSignature.sign(payload, { secret: stripeSecret, crypto });
    expect(
      Stripe.webhooks.constructEvent(payload, ours['stripe-signature']!, stripeSecret),
    ).toMatchObject({ event: 'payment.completed' });
  });

  it('@octokit/webhooks-methods signatures verify with our GitHub preset, and back', async () => {
    const githubSecret = "It's a Secret to Everybody";
    const signature = await octokitSign(githubSecret, payload);
    await expect(
      verifyWebhook(
        githubHmac,
        payload,
        { 'x-hub-signature-256': signature },
        { secret: githubSecret, crypto },
      ),
    ).resolves.toBeDefined();
    const ours = await githubHmac.sign(payload, { secret: githubSecret, crypto });
    expect(await octokitVerify(githubSecret, payload, ours['x-hub-signature-256']!)).toBe(true);
  });

  it("GitHub's documented test vector", async () => {
    // docs.github.com: secret "It's a Secret to Everybody", payload "Hello, World!"
    const headers = {
      'x-hub-signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    };
    await expect(
      verifyWebhook(githubHmac, 'Hello, World!', headers, {
        secret: "It's a Secret to Everybody",
        crypto,
      }),
    ).resolves.toBeDefined();
  });

  it("seed 000's own verifyWebhookSignature accepts our X-Webhook-Signature", async () => {
    // Verbatim logic of seed 000's receiver snippet.
    function verifyWebhookSignature(body: string | Buffer, signature: string, key: string) {
      const hmac = createHmac('sha256', key);
      const digest = hmac.update(body).digest('hex');
      return timingSafeEqual(Buffer.from(signature), Buffer.from(digest));
    }
    const key = 'sk_webhook_seed_000';
    const headers = await webhookSignatureHmac.sign(payload, { secret: key, crypto });
    expect(verifyWebhookSignature(Buffer.from(payload), headers['x-webhook-signature']!, key)).toBe(
      true,
    );
    await expect(
      verifyWebhook(webhookSignatureHmac, payload, headers, { secret: key, crypto }),
    ).resolves.toBeDefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webCryptoProvider } from '../src/crypto/web-crypto.js';
import {
  createWebhookHandler,
  githubHmac,
  isWebhookVerificationError,
  paystackHmac,
  shopifyHmac,
  standardWebhooks,
  stripeSignature,
  verifyWebhook,
  webhookSignatureHmac,
  xSignatureHmac,
} from '../src/index.js';
import { nodeCryptoProvider } from '../src/index.node.js';

const schemes = [
  standardWebhooks,
  stripeSignature,
  githubHmac,
  shopifyHmac,
  paystackHmac,
  webhookSignatureHmac,
  xSignatureHmac,
];
const headerNames = [
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'stripe-signature',
  'x-hub-signature-256',
  'x-shopify-hmac-sha256',
  'x-paystack-signature',
  'x-webhook-signature',
  'x-signature',
];
const tricky = fc.constantFrom(
  '',
  ' ',
  'v1,',
  'v1a,',
  'v1,====',
  't=1,v1=',
  'sha256=',
  'sha256=zz',
  '1614265330',
  '-5',
  '1e9',
  'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  `v1a,${'A'.repeat(86)}==`,
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  tricky,
  fc.array(fc.string(), { maxLength: 3 }),
);
const headers = fc.dictionary(
  fc.constantFrom(...headerNames, 'content-type', 'X-Other'),
  headerValue,
  { maxKeys: 6 },
);
const payload = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 300 }),
  fc.json(),
  fc.constant(undefined),
  fc.constant(null),
  fc.object(),
);

describe.each([
  ['WebCrypto', webCryptoProvider],
  ['node:crypto', nodeCryptoProvider],
] as const)('fuzzing verify (%s)', (_name, crypto) => {
  it('never throws anything but WebhookVerificationError, and never accepts forged input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...schemes), payload, headers, async (scheme, body, h) => {
        try {
          await verifyWebhook(scheme, body as string, h as Record<string, string>, {
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
            now: () => 1614265330_000,
            crypto,
          });
          throw new Error('forged input was accepted');
        } catch (error) {
          expect(isWebhookVerificationError(error)).toBe(true);
          const raw = typeof body === 'string' || body instanceof Uint8Array;
          // A non-raw payload is the integrator's mistake (500, so the sender retries once fixed);
          // anything a sender controls must map to a 4xx.
          if (raw) expect((error as { status: number }).status).toBeLessThan(500);
          else expect((error as { code: string }).code).toBe('body_already_parsed');
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('fuzzing the handler core', () => {
  it('answers arbitrary requests with a 4xx, never a 5xx', async () => {
    const handler = createWebhookHandler({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      onEvent: () => {},
    });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 500 }),
        fc.dictionary(
          fc.constantFrom(...headerNames),
          fc.oneof(fc.string({ maxLength: 80 }), tricky),
          { maxKeys: 5 },
        ),
        fc.constantFrom('POST', 'PUT', 'GET'),
        fc.constantFrom('application/json', 'text/plain', 'application/cloudevents+json', ''),
        async (body, h, method, type) => {
          const clean: Record<string, string> = {};
          for (const [k, v] of Object.entries(h)) clean[k] = v.replace(/[^\x20-\x7e]/g, '');
          if (type) clean['content-type'] = type;
          const response = await handler(
            new Request('https://x.example/webhooks', {
              method,
              headers: clean,
              body: method === 'GET' ? undefined : body,
            }),
          );
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});

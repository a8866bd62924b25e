import { signTestWebhook } from '@malipo/webhooks/testing';
import { describe, expect, it } from 'vitest';
import { Malipo, MalipoOptionsError } from '../src/index.js';
import {
  isWebhookVerificationError,
  WebhookVerificationError as SubpathVerificationError,
  Webhooks,
} from '../src/webhooks/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const event = {
  id: 'evt_1',
  event: 'payment.completed',
  payment_id: 'pay_1',
  merchant_id: 'mer_1',
  status: 'COMPLETED',
  amount_cents: 100,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  provider_reference: 'ws_CO_1',
  timestamp: '2026-11-24T10:00:00Z',
  metadata: {},
};

describe('@malipo/client/webhooks', () => {
  it('verifies and types an event without a Malipo instance', async () => {
    const webhooks = new Webhooks({ secret });
    const signed = await signTestWebhook(event, { secret });
    expect(await webhooks.constructEvent(signed.body, signed.headers)).toEqual(event);
    const tampered = await webhooks
      .constructEvent(signed.body.replace('100', '999'), signed.headers)
      .catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(SubpathVerificationError);
    expect(isWebhookVerificationError(tampered)).toBe(true);
    expect(tampered).toMatchObject({ code: 'signature_mismatch' });
  });

  it('takes the secret per call when it was not given up front', async () => {
    const signed = await signTestWebhook(event, { secret });
    await expect(new Webhooks().verify(signed.body, signed.headers)).rejects.toMatchObject({
      code: 'invalid_secret',
      message: expect.stringContaining('new Webhooks({ secret })'),
    });
    await expect(
      new Webhooks().verify(signed.body, signed.headers, { secret }),
    ).resolves.toMatchObject({ id: signed.headers['webhook-id'] });
  });

  it('is not in the main entry: a client given webhookSecret says where verification went', () => {
    let caught: unknown;
    try {
      new Malipo({
        apiKey: 'k',
        apiSecret: 's',
        baseUrl: 'https://gateway.test',
        webhookSecret: secret,
      } as ConstructorParameters<typeof Malipo>[0]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalipoOptionsError);
    expect(caught).toMatchObject({ field: 'webhookSecret' });
    expect((caught as Error).message).toContain(
      "new Webhooks({ secret }) from '@malipo/client/webhooks'",
    );
  });
});

import { signTestWebhook } from '@malipo/webhooks/testing';
import { describe, expect, it } from 'vitest';
import { Malipo, WebhookVerificationError } from '../src/index.js';

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

describe('client.webhooks', () => {
  const malipo = new Malipo({
    apiKey: 'k',
    apiSecret: 's',
    baseUrl: 'https://gateway.test',
    webhookSecret: secret,
  });

  it('constructEvent verifies and returns the typed event', async () => {
    const signed = await signTestWebhook(event, { secret });
    const parsed = await malipo.webhooks.constructEvent(signed.body, signed.headers);
    expect(parsed).toEqual(event);
  });

  it('rejects a tampered body', async () => {
    const signed = await signTestWebhook(event, { secret });
    await expect(
      malipo.webhooks.constructEvent(signed.body.replace('100', '999'), signed.headers),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('needs a secret from somewhere', async () => {
    const bare = new Malipo({ apiKey: 'k', apiSecret: 's', baseUrl: 'https://gateway.test' });
    const signed = await signTestWebhook(event, { secret });
    await expect(bare.webhooks.verify(signed.body, signed.headers)).rejects.toMatchObject({
      code: 'invalid_secret',
    });
    await expect(
      bare.webhooks.verify(signed.body, signed.headers, { secret }),
    ).resolves.toMatchObject({ id: signed.headers['webhook-id'] });
  });
});

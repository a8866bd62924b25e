import { standardWebhooks, webhookSignatureHmac } from '@malipo/webhooks';

/** Which signature headers to send. */
export const signingSchemes = ['gateway', 'standard', 'x-webhook-signature'] as const;

/**
 * `gateway` (the default) sends what the Malipo gateway sends: Standard Webhooks headers and
 * `X-Webhook-Signature`; `standard` and `x-webhook-signature` send only one of them.
 */
export type SigningScheme = (typeof signingSchemes)[number];

/** Options of {@link signDelivery}. */
export interface SignDeliveryOptions {
  secret: string;
  /** The Standard Webhooks `webhook-id`: the event id, as the gateway sends it. */
  id: string;
  /** @default 'gateway' */
  scheme?: SigningScheme | undefined;
  /** Unix seconds of the signature. @default now */
  timestamp?: number | undefined;
}

/**
 * The headers of one delivery of `body`, signed as examples/gateway's `send-attempt.ts` signs
 * them (its `user-agent` included, so receivers that log it see the same thing).
 */
export async function signDelivery(
  body: string,
  options: SignDeliveryOptions,
): Promise<Record<string, string>> {
  const scheme = options.scheme ?? 'gateway';
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Malipo-Webhooks/1.0',
    ...(scheme !== 'x-webhook-signature'
      ? await standardWebhooks.sign(body, { secret: options.secret, id: options.id, timestamp })
      : {}),
    ...(scheme !== 'standard'
      ? await webhookSignatureHmac.sign(body, { secret: options.secret })
      : {}),
  };
}

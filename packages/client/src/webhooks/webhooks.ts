import {
  type GatewayEvent,
  parseGatewayEvent,
  type UnknownGatewayEvent,
} from '@malipo/contract/events';
import {
  type HeadersLike,
  standardWebhooks,
  type VerifiedWebhook,
  type VerifyOptions,
  verifyWebhook,
  type WebhookPayload,
  type WebhookScheme,
  WebhookVerificationError,
} from '@malipo/webhooks';

/** Options of `new Webhooks()`. */
export interface WebhooksOptions {
  /** The endpoint's signing secret (`whsec_…`), used when a call passes none. */
  secret?: string | undefined;
}

/** Options of `webhooks.verify` and `webhooks.constructEvent`. */
export interface ClientVerifyOptions extends Partial<VerifyOptions> {
  /** The gateway signs with Standard Webhooks and `X-Webhook-Signature`. @default standardWebhooks */
  scheme?: WebhookScheme | undefined;
}

/**
 * Verifying the gateway's webhooks, delegating to `@malipo/webhooks`.
 *
 * @example
 * import { Webhooks } from '@malipo/client/webhooks';
 *
 * const webhooks = new Webhooks({ secret: process.env.MALIPO_WEBHOOK_SECRET });
 * const event = await webhooks.constructEvent(rawBody, request.headers); // typed, verified
 */
export class Webhooks {
  readonly #secret: string | undefined;

  /** `options.secret` is used by every call that passes no `secret` of its own. */
  constructor(options: WebhooksOptions = {}) {
    this.#secret = options.secret;
  }

  #options(options: ClientVerifyOptions): VerifyOptions {
    const secret = options.secret ?? this.#secret;
    if (!secret) {
      throw new WebhookVerificationError(
        'invalid_secret',
        'no webhook secret: pass `secret`, or give one to `new Webhooks({ secret })`.',
      );
    }
    return { ...options, secret };
  }

  /** Verifies a delivery's signature and timestamp; throws `WebhookVerificationError`. */
  async verify(
    payload: WebhookPayload,
    headers: HeadersLike,
    options: ClientVerifyOptions = {},
  ): Promise<VerifiedWebhook> {
    return verifyWebhook(
      options.scheme ?? standardWebhooks,
      payload,
      headers,
      this.#options(options),
    );
  }

  /** Verifies a delivery and returns its typed event (Stripe's `constructEvent`). */
  async constructEvent(
    payload: WebhookPayload,
    headers: HeadersLike,
    options: ClientVerifyOptions = {},
  ): Promise<GatewayEvent | UnknownGatewayEvent> {
    await this.verify(payload, headers, options);
    const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
    try {
      return parseGatewayEvent(text);
    } catch (error) {
      throw new WebhookVerificationError('invalid_payload', (error as Error).message, {
        cause: error,
      });
    }
  }
}

import { type GatewayEvent, parseGatewayEvent, type UnknownGatewayEvent } from '@malipo/contract';
import { defaultCrypto } from '../crypto/default-provider.js';
import { isWebhookVerificationError, WebhookVerificationError } from '../errors/webhook-error.js';
import { claimDelivery } from '../idempotency/claim-delivery.js';
import { toBytes } from '../internal/encoding.js';
import { standardWebhooks } from '../schemes/standard-webhooks/scheme.js';
import { checkBodySize, checkEnvelope, jsonText } from './checks.js';
import { resolveDeduplication } from './core-options.js';
import { reportError } from './report-error.js';
import { failureResponse, jsonResponse } from './responses.js';
import type { CoreResponse, HandlerCore } from './types.js';
import {
  checkSchemeSecret,
  checkWebhookOptions,
  type WebhookHandlerOptions,
} from './webhook-options.js';

const handlerFailed = {
  error: {
    code: 'handler_failed',
    message: 'the webhook handler failed; the delivery will be retried.',
  },
};

/** The webhook handler's core: the one {@link HandlerCore} shape every core has. */
export type WebhookCore = HandlerCore;

function eventId(text: string): string | undefined {
  // Cheap probe for a top-level "id" (gateway and Stripe events carry one); full parse follows anyway.
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value?.id === 'string' && value.id !== '' ? value.id : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the parser; an event-shape problem is the sender's (400), not a crash. */
function parseEvent<E>(parse: (payload: string) => E, payload: string): E {
  try {
    return parse(payload);
  } catch (error) {
    if (isWebhookVerificationError(error)) throw error;
    const name = (error as { name?: unknown })?.name;
    if (name === 'InvalidEventError' || error instanceof SyntaxError) {
      throw new WebhookVerificationError(
        'invalid_payload',
        (error as Error).message.replace(/^@malipo\/contract: /, ''),
        { cause: error },
      );
    }
    throw error;
  }
}

/** Builds the handler core. Adapters wrap it in one line per framework. */
export function createWebhookCore<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): HandlerCore {
  checkWebhookOptions(options as WebhookHandlerOptions<unknown>);
  const scheme = options.scheme ?? standardWebhooks;
  checkSchemeSecret(scheme, options.secret);
  const parse = options.parse ?? (parseGatewayEvent as unknown as (payload: string) => E);
  const { store, maxBodyBytes, dedupeTtlMs, lockMs } = resolveDeduplication(options, {
    maxBodyBytes: 1_048_576,
    now: options.now,
  });
  const provider = options.crypto ?? defaultCrypto();

  const fail = (error: unknown, deliveryId?: string): CoreResponse => {
    reportError(options.onError, error, { deliveryId });
    return failureResponse(error, handlerFailed);
  };

  return {
    maxBodyBytes,
    fail: (error) => fail(error),
    screen(request) {
      try {
        checkEnvelope(request.method, request.headers, maxBodyBytes);
        return undefined;
      } catch (error) {
        return fail(error);
      }
    },
    async handle(request) {
      let deliveryId: string | undefined;
      try {
        checkEnvelope(request.method, request.headers, maxBodyBytes);
        checkBodySize(request.body, maxBodyBytes);
        const verified = await scheme.verify(request.body, request.headers, {
          secret: options.secret,
          tolerance: options.tolerance,
          now: options.now,
          crypto: provider,
        });
        const payload = jsonText(request.body);
        const event = parseEvent(parse, payload);
        // Only a signed value may name a delivery: an id from a header the signature does not
        // cover (GitHub, Shopify) would let a replay under a new id run the handler again.
        const id =
          (verified.idSigned === false ? undefined : verified.id) ??
          eventId(payload) ??
          `sha256:${await provider.sha256Hex(toBytes(request.body))}`;
        const key = `${scheme.name}:${id}`;
        deliveryId = key;
        const claim = await claimDelivery(store, key, { lockMs, dedupeTtlMs });
        if (claim.state === 'done') return jsonResponse(200, { received: true, duplicate: true });
        if (claim.state === 'in_progress') {
          throw new WebhookVerificationError(
            'delivery_in_progress',
            'this delivery is being processed by another attempt; retry later.',
          );
        }
        const context = {
          deliveryId: key,
          timestamp: verified.timestamp,
          payload,
          headers: request.headers,
        };
        await claim.run(() => options.onEvent(event, context));
        return jsonResponse(200, { received: true });
      } catch (error) {
        return fail(error, deliveryId);
      }
    },
  };
}

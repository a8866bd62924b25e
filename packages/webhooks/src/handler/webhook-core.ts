import { type GatewayEvent, parseGatewayEvent, type UnknownGatewayEvent } from '@malipo/contract';
import { defaultCrypto } from '../crypto/default-provider.js';
import type { WebhookCrypto } from '../crypto/provider.js';
import { isWebhookVerificationError, WebhookVerificationError } from '../errors/webhook-error.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../idempotency/store.js';
import { fromUtf8, toBytes } from '../internal/encoding.js';
import type { HeadersLike } from '../internal/headers.js';
import type { WebhookScheme, WebhookSecrets, WebhookTolerance } from '../schemes/scheme.js';
import { standardWebhooks } from '../schemes/standard-webhooks.js';
import { checkBodySize, checkEnvelope } from './checks.js';
import { errorResponse, jsonResponse } from './responses.js';
import type { CoreRequest, CoreResponse } from './types.js';

/** What the user's handler receives beside the event. */
export interface WebhookContext {
  /** De-duplication key of this delivery (scheme id, event id, or body hash). */
  deliveryId: string;
  /** Signed timestamp in unix seconds, when the scheme has one. */
  timestamp: number | undefined;
  /** The raw body as text. */
  payload: string;
  headers: HeadersLike;
}

/** Options of the webhook handler core and every framework adapter. */
export interface WebhookHandlerOptions<E = GatewayEvent | UnknownGatewayEvent> {
  /** Endpoint secret(s); several during a rotation. */
  secret: WebhookSecrets;
  /** Your code: runs once per delivery. Throw to make the sender retry (answered 500). */
  onEvent: (event: E, context: WebhookContext) => unknown;
  /**
   * Signature scheme of the sender.
   * @default standardWebhooks
   */
  scheme?: WebhookScheme | undefined;
  /**
   * Turns the verified text into your event type. Throw a `WebhookVerificationError`
   * (`invalid_payload`) to answer 400.
   * @default parseGatewayEvent
   */
  parse?: ((payload: string) => E) | undefined;
  /**
   * Duplicate protection; `false` turns it off.
   * @default an in-memory store
   */
  store?: IdempotencyStore | false | undefined;
  /**
   * How long a processed delivery id is remembered, in ms.
   * @default 86_400_000 (24 h)
   */
  dedupeTtlMs?: number | undefined;
  /**
   * How long one attempt may hold a delivery before a concurrent redelivery may take over, in ms.
   * @default 60_000
   */
  lockMs?: number | undefined;
  /**
   * Largest accepted body in bytes.
   * @default 1_048_576 (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /** Replay window in seconds. @default 300, both directions */
  tolerance?: WebhookTolerance | undefined;
  now?: (() => number) | undefined;
  crypto?: WebhookCrypto | undefined;
  /** Observes failures (for logging); never sees secrets. */
  onError?: ((error: unknown, context: { deliveryId?: string | undefined }) => void) | undefined;
}

/** The framework-agnostic handler: everything but reading and writing HTTP. */
export interface WebhookCore {
  readonly maxBodyBytes: number;
  /** Answers a request whose raw body has been read. Never throws. */
  handle(request: CoreRequest): Promise<CoreResponse>;
  /** Answers a failure that happened before `handle` (body reading, mounting). */
  fail(error: unknown): CoreResponse;
}

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
): WebhookCore {
  if (typeof options?.onEvent !== 'function') {
    throw new TypeError(
      '@malipo/webhooks: `onEvent` must be a function that handles the verified event.',
    );
  }
  // Checked here, not per delivery: a missing secret (an unset environment variable) would
  // otherwise answer 500 to every delivery and the sender would retry forever.
  const secrets: unknown[] = Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new TypeError(
      `@malipo/webhooks: \`secret\` must be your endpoint's signing secret (a non-empty string, or several during a rotation); got ${Array.isArray(options.secret) ? 'a list with an empty or non-string entry' : typeof options.secret === 'string' ? 'an empty string' : String(options.secret)}. Is its environment variable set?`,
    );
  }
  const scheme = options.scheme ?? standardWebhooks;
  const parse = options.parse ?? (parseGatewayEvent as unknown as (payload: string) => E);
  const store =
    options.store === false
      ? undefined
      : (options.store ?? createMemoryIdempotencyStore({ now: options.now }));
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const dedupeTtlMs = options.dedupeTtlMs ?? 86_400_000;
  const lockMs = options.lockMs ?? 60_000;
  const provider = options.crypto ?? defaultCrypto();

  const fail = (error: unknown, deliveryId?: string): CoreResponse => {
    options.onError?.(error, { deliveryId });
    if (isWebhookVerificationError(error)) return errorResponse(error);
    return jsonResponse(500, {
      error: {
        code: 'handler_failed',
        message: 'the webhook handler failed; the delivery will be retried.',
      },
    });
  };

  return {
    maxBodyBytes,
    fail: (error) => fail(error),
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
        const payload = typeof request.body === 'string' ? request.body : fromUtf8(request.body);
        const event = parseEvent(parse, payload);
        // Only a signed value may name a delivery: an id from a header the signature does not
        // cover (GitHub, Shopify) would let a replay under a new id run the handler again.
        const id =
          (verified.idSigned === false ? undefined : verified.id) ??
          eventId(payload) ??
          `sha256:${await provider.sha256Hex(toBytes(request.body))}`;
        deliveryId = `${scheme.name}:${id}`;
        const owner = crypto.randomUUID();
        const state = store ? await store.begin(deliveryId, lockMs, owner) : 'new';
        if (state === 'done') return jsonResponse(200, { received: true, duplicate: true });
        if (state === 'in_progress') {
          throw new WebhookVerificationError(
            'delivery_in_progress',
            'this delivery is being processed by another attempt; retry later.',
          );
        }
        try {
          await options.onEvent(event, {
            deliveryId,
            timestamp: verified.timestamp,
            payload,
            headers: request.headers,
          });
        } catch (error) {
          await store?.release(deliveryId, owner);
          return fail(error, deliveryId);
        }
        await store?.complete(deliveryId, dedupeTtlMs, owner);
        return jsonResponse(200, { received: true });
      } catch (error) {
        return fail(error, deliveryId);
      }
    },
  };
}

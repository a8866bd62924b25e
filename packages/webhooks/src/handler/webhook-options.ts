import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/contract';
import type { WebhookCrypto } from '../crypto/provider.js';
import { WebhookOptionsError } from '../errors/options-error.js';
import { isWebhookVerificationError } from '../errors/webhook-error.js';
import { describeValue } from '../internal/describe-value.js';
import type { HeadersLike } from '../internal/headers.js';
import type { WebhookScheme, WebhookSecrets, WebhookTolerance } from '../schemes/scheme.js';
import { checkFunction, type DeduplicationOptions } from './core-options.js';

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
export interface WebhookHandlerOptions<E = GatewayEvent | UnknownGatewayEvent>
  extends DeduplicationOptions {
  /**
   * Endpoint secret(s); several during a rotation. Checked when the handler is built: a
   * missing one, or one the scheme could never verify with (`WebhookScheme.checkSecret`), throws
   * `WebhookOptionsError` (`field: 'secret'`).
   */
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
   * Largest accepted body in bytes.
   * @default 1_048_576 (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /** Replay window in seconds. @default 300, both directions */
  tolerance?: WebhookTolerance | undefined;
  /** Clock in epoch milliseconds; inject it in tests instead of patching `Date.now`. */
  now?: (() => number) | undefined;
  /** Cryptography provider; defaults to WebCrypto, or `node:crypto` under Node. */
  crypto?: WebhookCrypto | undefined;
  /**
   * Observes failures (for logging); never sees secrets. One that throws or rejects is ignored:
   * the answer stays what it would have been.
   */
  onError?: ((error: unknown, context: { deliveryId?: string | undefined }) => void) | undefined;
}

/** The replay window: a `NaN` or a missing half would turn it off without a word. */
function checkTolerance(tolerance: unknown): void {
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (tolerance == null || ok(tolerance)) return;
  if (typeof tolerance === 'object' && tolerance !== null) {
    const { past, future } = tolerance as { past?: unknown; future?: unknown };
    if (ok(past) && ok(future)) return;
  }
  throw new WebhookOptionsError(
    'tolerance',
    `expected seconds ≥ 0, or { past, future }, got ${describeValue(tolerance)}.`,
  );
}

/** Checked when built, not per delivery: a bad option would fail every delivery alike. */
export function checkWebhookOptions(options: WebhookHandlerOptions<unknown>): void {
  checkFunction(options?.onEvent, 'onEvent');
  // A missing secret (an unset environment variable) would otherwise answer 500 to every
  // delivery, and the sender would retry forever.
  const secrets: unknown[] = Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new WebhookOptionsError(
      'secret',
      `must be your endpoint's signing secret (a non-empty string, or a list during a rotation); got ${Array.isArray(options.secret) ? 'a list with an empty entry' : describeValue(options.secret)}. Is its environment variable set?`,
    );
  }
  const { scheme } = options;
  if (
    scheme != null &&
    (typeof scheme.verify !== 'function' ||
      typeof scheme.name !== 'string' ||
      (scheme.checkSecret != null && typeof scheme.checkSecret !== 'function'))
  ) {
    throw new WebhookOptionsError(
      'scheme',
      `expected a WebhookScheme such as standardWebhooks, got ${describeValue(scheme)}.`,
    );
  }
  checkFunction(options.parse, 'parse', true);
  checkTolerance(options.tolerance);
  checkFunction(options.now, 'now', true);
  checkFunction(options.onError, 'onError', true);
}

/**
 * A secret the scheme could never verify with (a Standard Webhooks secret that is not base64,
 * say) would answer 500 to every delivery: refused when the handler is built.
 */
export function checkSchemeSecret(scheme: WebhookScheme, secret: WebhookSecrets): void {
  try {
    scheme.checkSecret?.(secret);
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    const said = error.message.replace(/^@malipo\/webhooks: /, '');
    throw new WebhookOptionsError('secret', `${scheme.name} cannot use it: ${said}`, {
      cause: error,
    });
  }
}

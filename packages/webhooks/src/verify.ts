import { isWebhookVerificationError, WebhookVerificationError } from './errors/webhook-error.js';
import type { HeadersLike } from './internal/headers.js';
import type {
  VerifiedWebhook,
  VerifyOptions,
  WebhookPayload,
  WebhookScheme,
} from './schemes/scheme.js';

/** Refuses a parsed body: re-serialised JSON never matches the sender's bytes. */
export function assertRawPayload(payload: unknown): asserts payload is WebhookPayload {
  if (
    typeof payload === 'string' ||
    payload instanceof Uint8Array ||
    payload instanceof ArrayBuffer
  )
    return;
  throw new WebhookVerificationError(
    'body_already_parsed',
    `the payload is ${payload === null ? 'null' : typeof payload}, not the raw body. Pass the exact bytes or text received (for example express.raw() before any express.json(), or await request.text()).`,
  );
}

/**
 * Verifies a webhook with `scheme`. Throws `WebhookVerificationError` (stable `code`, HTTP
 * `status`) on failure. The payload must be the raw body: a parsed object is refused with
 * `body_already_parsed`, never re-serialised.
 *
 * @example
 * await verifyWebhook(standardWebhooks, await request.text(), request.headers, { secret });
 */
export async function verifyWebhook(
  scheme: WebhookScheme,
  payload: WebhookPayload,
  headers: HeadersLike,
  options: VerifyOptions,
): Promise<VerifiedWebhook> {
  assertRawPayload(payload);
  if (typeof headers !== 'object' || headers === null) {
    throw new WebhookVerificationError('missing_header', 'no headers were given to verify.');
  }
  return scheme.verify(payload, headers, options);
}

/** The outcome of {@link safeVerifyWebhook}. */
export type SafeVerifyResult =
  | { ok: true; webhook: VerifiedWebhook }
  | { ok: false; error: WebhookVerificationError };

/** Like {@link verifyWebhook}, but returns a result instead of throwing. */
export async function safeVerifyWebhook(
  scheme: WebhookScheme,
  payload: WebhookPayload,
  headers: HeadersLike,
  options: VerifyOptions,
): Promise<SafeVerifyResult> {
  try {
    return { ok: true, webhook: await verifyWebhook(scheme, payload, headers, options) };
  } catch (error) {
    if (isWebhookVerificationError(error)) return { ok: false, error };
    throw error;
  }
}

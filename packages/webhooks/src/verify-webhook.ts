import {
  isWebhookVerificationError,
  type WebhookVerificationError,
} from './errors/webhook-error.js';
import type { HeadersLike } from './internal/headers.js';
import { assertVerifiable } from './internal/raw-input.js';
import type {
  VerifiedWebhook,
  VerifyOptions,
  WebhookPayload,
  WebhookScheme,
} from './schemes/scheme.js';

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
  assertVerifiable(payload, headers, options);
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

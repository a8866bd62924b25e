import { hasErrorName } from '../internal/error-name.js';

/** Stable codes carried by {@link WebhookVerificationError}, each with the HTTP status it maps to. */
export const webhookErrorStatus = {
  /** A required signature, id or timestamp header is absent. */
  missing_header: 400,
  /** A header is present but malformed (bad timestamp, unparseable signature list). */
  invalid_header: 400,
  /** The signed timestamp is older than the tolerance allows (a replay, or a very late retry). */
  timestamp_too_old: 400,
  /** The signed timestamp is further in the future than the tolerance allows. */
  timestamp_too_new: 400,
  /** No signature in the request matches any configured secret. */
  signature_mismatch: 400,
  /** The body is not UTF-8 JSON, or not a known event shape. */
  invalid_payload: 400,
  /** The request came from an address outside the allowlist. */
  forbidden_source: 403,
  /** The callback path token does not match. Answered like an unknown route. */
  not_found: 404,
  /** Only POST is accepted. */
  method_not_allowed: 405,
  /** The same delivery is being processed by a concurrent attempt; the sender should retry later. */
  delivery_in_progress: 409,
  /** The body is larger than the configured limit. */
  payload_too_large: 413,
  /** The body stopped before its end: the sender closed the connection while sending it. */
  body_incomplete: 400,
  /** The content type is not JSON. */
  unsupported_media_type: 415,
  /** The configured secret cannot be used (wrong prefix, not base64, empty). A server bug, not the sender's. */
  invalid_secret: 500,
  /** A body parser consumed the raw body before the webhook middleware: a mounting bug. */
  body_already_parsed: 500,
  /**
   * An option of a handler is missing or unusable; thrown when the handler is built, never
   * answered to a sender. See {@link WebhookOptionsError}.
   */
  invalid_options: 500,
} as const;

export type WebhookErrorCode = keyof typeof webhookErrorStatus;

/**
 * A webhook could not be accepted. `code` is stable, `status` is the HTTP status to answer
 * with, and the message says what to fix. Match with {@link isWebhookVerificationError},
 * which also works across bundles.
 */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(`@malipo/webhooks: ${message}`, options);
    this.code = code;
    this.status = webhookErrorStatus[code];
  }
}

/**
 * True for {@link WebhookVerificationError} and its subclasses (`WebhookOptionsError`) from
 * any copy of this package.
 */
export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof WebhookVerificationError ||
    hasErrorName(error, ['WebhookVerificationError', 'WebhookOptionsError'])
  );
}

import type { WebhookCrypto } from '../crypto/provider.js';
import type { HeadersLike } from '../internal/headers.js';

/** A webhook body as received: the exact bytes, or their UTF-8 text. Never a parsed object. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

/** Secrets accepted by a scheme: one, or several during a rotation (any may match). */
export type WebhookSecrets = string | readonly string[];

/** How far a signed timestamp may be from now, in seconds. */
export type WebhookTolerance = number | { past: number; future: number };

/** Options of `verify`. */
export interface VerifyOptions {
  /** The secret(s), in the scheme's own format (e.g. `whsec_…` for Standard Webhooks). */
  secret: WebhookSecrets;
  /**
   * Replay window in seconds, checked in both directions (a number) or each separately.
   * Ignored by schemes that sign no timestamp.
   * @default 300
   */
  tolerance?: WebhookTolerance | undefined;
  /** Clock in epoch milliseconds; inject it in tests instead of patching `Date.now`. */
  now?: (() => number) | undefined;
  /** Cryptography provider; defaults to WebCrypto, or `node:crypto` under Node. */
  crypto?: WebhookCrypto | undefined;
}

/** Options of `sign`. */
export interface SignOptions {
  /** The secret(s) to sign with; several produce several signatures where the scheme allows. */
  secret: WebhookSecrets;
  /** Delivery id, for schemes that sign one. Generated when absent. */
  id?: string | undefined;
  /** Unix seconds, for schemes that sign one. Defaults to now. */
  timestamp?: number | undefined;
  crypto?: WebhookCrypto | undefined;
}

/** What a successful verification tells about the delivery. */
export interface VerifiedWebhook {
  /** The delivery id from a signed or scheme-defined header, if the scheme has one. */
  id: string | undefined;
  /**
   * `false` when `id` comes from a header the signature does not cover (GitHub's
   * `X-GitHub-Delivery`, Shopify's `X-Shopify-Webhook-Id`): fine for logs, but anyone could
   * change it, so the handler core never de-duplicates on it.
   */
  idSigned?: boolean | undefined;
  /** The signed timestamp in unix seconds, if the scheme signs one. */
  timestamp: number | undefined;
}

/** A signature scheme: how a sender signs a payload and how a receiver checks it. */
export interface WebhookScheme {
  /** Short name, e.g. `standard-webhooks`, `github`. */
  readonly name: string;
  /**
   * Verifies `payload` against `headers`. Throws `WebhookVerificationError` with a stable
   * `code` and HTTP `status` on any failure; never another error for bad input.
   */
  verify(
    payload: WebhookPayload,
    headers: HeadersLike,
    options: VerifyOptions,
  ): Promise<VerifiedWebhook>;
  /** Signs `payload`, returning the headers to send. */
  sign(payload: WebhookPayload, options: SignOptions): Promise<Record<string, string>>;
  /**
   * Checks the secret(s) without a delivery, so a handler refuses a key it could never verify
   * with when it is built, instead of answering 500 to every delivery. Throws
   * `WebhookVerificationError` (`invalid_secret`), which the handler reports as a
   * `WebhookOptionsError` for `secret`. Optional: without it, any non-empty string is taken.
   */
  checkSecret?(secret: WebhookSecrets): void;
}

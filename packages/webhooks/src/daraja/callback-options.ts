import type { IpAllowlistOptions, StkCallback } from '@malipo/daraja';
import { WebhookOptionsError } from '../errors/options-error.js';
import { checkFunction, type DeduplicationOptions } from '../handler/core-options.js';
import { describeValue } from '../internal/describe-value.js';

/** What `onCallback` receives beside the parsed callback. */
export interface DarajaCallbackContext {
  /** The body exactly as received; persist it before anything else. */
  raw: string;
  /** Client address after proxy handling. */
  ip: string | undefined;
}

/**
 * Options of the Daraja callback guard (the core and every adapter). De-duplication is keyed
 * on the callback's `CheckoutRequestID`.
 */
export interface DarajaCallbackOptions extends DeduplicationOptions {
  /**
   * The unguessable last path segment of your callback URL: at least 16 characters that a URL
   * path carries as they are (letters, digits and `-._~!$&'()*+,;=:@`; a hex or base64url
   * string is a good choice), e.g. the `8f1c…` of `https://shop.example/mpesa/callback/8f1c…`.
   * Compared in constant time.
   */
  pathToken: string;
  /** Your code: runs once per `CheckoutRequestID`. */
  onCallback: (callback: StkCallback, context: DarajaCallbackContext) => unknown;
  /**
   * Source-IP allowlist, Safaricom's published addresses by default. `false` disables it
   * (local development and simulators only).
   */
  allowlist?: IpAllowlistOptions | false | undefined;
  /**
   * `acknowledge-first` answers Safaricom at once and processes after (long-running servers);
   * `process-first` answers after `onCallback` settles (serverless, where work stops with the response).
   * @default 'acknowledge-first'
   */
  mode?: 'acknowledge-first' | 'process-first' | undefined;
  /** @default 65_536 */
  maxBodyBytes?: number | undefined;
  /**
   * Observes failures, including those after an early acknowledgement. One that throws or
   * rejects is ignored: the answer stays what it would have been.
   */
  onError?: ((error: unknown) => void) | undefined;
}

const modes: readonly unknown[] = [undefined, null, 'acknowledge-first', 'process-first'];

/** Checked when built: a short token is guessable, a misspelt mode would silently fall back. */
export function checkDarajaCallbackOptions(options: DarajaCallbackOptions): void {
  if (typeof options?.pathToken !== 'string' || options.pathToken.length < 16) {
    throw new WebhookOptionsError(
      'pathToken',
      `must be an unguessable string of at least 16 characters; got ${typeof options?.pathToken === 'string' ? `${options.pathToken.length} characters` : describeValue(options?.pathToken)}. Is its environment variable set?`,
    );
  }
  // Only the last path segment is compared, without its query or fragment: a token holding any
  // of these could never match, and every callback would be answered 404.
  // Nor can a character that a URL carries percent-encoded (a quote, `<`, `%`, non-ASCII…): the
  // path would hold `%22`, never the token's own `"`.
  const unmatchable = /[^A-Za-z0-9._~!$&'()*+,;=:@-]/.exec(options.pathToken);
  if (unmatchable) {
    throw new WebhookOptionsError(
      'pathToken',
      `must be one path segment, but holds ${JSON.stringify(unmatchable[0])}, so no callback URL could match it; use letters, digits, "-" and "_" (e.g. a hex or base64url string).`,
    );
  }
  checkFunction(options.onCallback, 'onCallback');
  if (!modes.includes(options.mode)) {
    throw new WebhookOptionsError(
      'mode',
      `expected 'acknowledge-first' or 'process-first', got ${JSON.stringify(options.mode)}.`,
    );
  }
  checkFunction(options.onError, 'onError', true);
}

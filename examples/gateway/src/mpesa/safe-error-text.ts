import { type DarajaError, isDarajaApiError } from '@malipo/daraja';

/** Runs of base64-ish characters long enough to be a password, token or key. */
const secretLike = /[A-Za-z0-9+/=_-]{24,}/g;

/**
 * Daraja's error, fit to store and to show a merchant: its code and message with anything that
 * looks like a credential blanked (Daraja's error text can echo the request's `Password`, which
 * holds the passkey), at most 200 characters. Never the raw body.
 */
export function safeErrorText(error: DarajaError): string {
  const detail = isDarajaApiError(error)
    ? [error.errorCode ?? `HTTP ${error.status}`, error.errorMessage].filter(Boolean).join(' ')
    : error.code;
  return detail.replace(secretLike, '[redacted]').slice(0, 200);
}

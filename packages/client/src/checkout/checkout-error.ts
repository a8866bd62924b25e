import { MalipoError } from '../errors/malipo-error.js';

/** A checkout embed misuse, with a message that says what to fix (code `checkout_error`). */
export class MalipoCheckoutError extends MalipoError {
  override readonly name = 'MalipoCheckoutError';

  constructor(message: string) {
    super('checkout_error', message);
  }
}

/** True for a {@link MalipoCheckoutError}, also across bundles (checks the name). */
export function isMalipoCheckoutError(value: unknown): value is MalipoCheckoutError {
  return value instanceof Error && value.name === 'MalipoCheckoutError';
}

/**
 * The hosted checkout URL, checked: https, or http only on localhost for development. Returns
 * the parsed URL.
 */
export function checkCheckoutUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MalipoCheckoutError(
      `openCheckout: "${String(url).slice(0, 100)}" is not an absolute URL. Pass the session's url from checkout.sessions.create().`,
    );
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new MalipoCheckoutError(
      `openCheckout: the checkout URL must use https (http is allowed only on localhost); got ${parsed.protocol}//${parsed.host}.`,
    );
  }
  return parsed;
}

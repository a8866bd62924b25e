import { MalipoCheckoutError } from './checkout-error.js';
import { type CheckoutMessage, checkoutProtocolVersion, checkoutSource } from './protocol.js';

type Payload<M> = M extends CheckoutMessage ? Omit<M, 'source' | 'version'> : never;

/**
 * For the hosted checkout page: sends one protocol message to the embedding page, to the exact
 * `parentOrigin` it was opened with (the `parent_origin` query parameter) — never `'*'`. Does
 * nothing when the page is not embedded.
 *
 * @example
 * const parentOrigin = new URL(location.href).searchParams.get('parent_origin');
 * if (parentOrigin) notifyParent({ type: 'success', session_id, payment_id, status: 'COMPLETED' }, { parentOrigin });
 */
export function notifyParent(
  message: Payload<CheckoutMessage>,
  options: { parentOrigin: string },
): void {
  // Checked only when embedded: anyone can put a parent_origin in a link to the page itself.
  if (typeof window === 'undefined' || window.parent === window) return;
  window.parent.postMessage(
    { ...message, source: checkoutSource, version: checkoutProtocolVersion },
    parentOriginOf(options?.parentOrigin),
  );
}

/** The embedding page's origin: an http(s) URL, checked here so misuse says what to fix. */
function parentOriginOf(parentOrigin: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof parentOrigin === 'string' ? new URL(parentOrigin) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new MalipoCheckoutError(
      `notifyParent: parentOrigin must be the parent page's http(s) origin, got ${JSON.stringify(String(parentOrigin).slice(0, 100))}.`,
    );
  }
  return url.origin;
}

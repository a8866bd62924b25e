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
  if (typeof window === 'undefined' || window.parent === window) return;
  window.parent.postMessage(
    { ...message, source: checkoutSource, version: checkoutProtocolVersion },
    new URL(options.parentOrigin).origin,
  );
}

import type { CheckoutSessionRow } from '../stores/checkout-sessions-store.js';

/**
 * A return URL with the session id added as `session_id`. The redirect only says where the
 * customer came from: the merchant confirms the payment by retrieving the session (or from the
 * `checkout.session.completed` webhook), never from the redirect alone.
 */
export function withSessionId(url: string, sessionId: string): string {
  const target = new URL(url);
  target.searchParams.set('session_id', sessionId);
  return target.toString();
}

/** Where the customer goes next, by how the session went. */
export function returnUrls(session: CheckoutSessionRow) {
  return {
    success: withSessionId(session.success_url, session.id),
    cancel: withSessionId(session.cancel_url, session.id),
    failure: withSessionId(session.failure_url ?? session.cancel_url, session.id),
  };
}

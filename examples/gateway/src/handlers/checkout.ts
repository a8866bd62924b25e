import { createCheckoutSession } from '../checkout/create-session.js';
import { checkoutSessionView } from '../checkout/session-view.js';
import { expireIfDue } from '../checkout/settle-session.js';
import { DomainError } from '../errors/domain-error.js';
import type { RouteHandlers } from '../http/route-types.js';
import { findMerchantCheckoutSession } from '../stores/checkout-sessions-store.js';
import type { HandlerDeps } from './deps.js';

/** Create and retrieve hosted checkout sessions. */
export function checkoutHandlers(
  deps: HandlerDeps,
): Pick<RouteHandlers, 'createCheckoutSession' | 'retrieveCheckoutSession'> {
  return {
    async createCheckoutSession({ merchant, body, idempotency }) {
      const session = await createCheckoutSession(deps, merchant, body, idempotency);
      return { body: checkoutSessionView(session, deps.publicUrl) };
    },

    async retrieveCheckoutSession({ merchant, params }) {
      let session = await findMerchantCheckoutSession(deps.db, merchant, params.session_id);
      if (!session) {
        throw new DomainError(
          'NOT_FOUND',
          `No checkout session ${params.session_id} for this API key's merchant and mode.`,
          'session_id',
        );
      }
      if (session.status === 'OPEN' && new Date(session.expires_at).getTime() <= Date.now()) {
        session = (await expireIfDue(deps.db, session.id)) ?? session;
      }
      return { body: checkoutSessionView(session, deps.publicUrl) };
    },
  };
}

import type { Database } from '../db/database.js';
import {
  type CheckoutSessionRow,
  dueForExpiry,
  expireOpenSession,
  lockCheckoutSession,
} from '../stores/checkout-sessions-store.js';
import { emitCheckoutSessionEvent } from '../webhooks/emit-event.js';

/**
 * Expires an open session past its expiry, with its `checkout.session.expired` event, unless an
 * attempt is still in flight (the customer may be entering their PIN: the session waits for
 * that answer). The session row is locked first, so the in-flight check runs after any attempt
 * that held the lock has committed. Returns the session as it is now.
 */
export async function expireIfDue(
  db: Database,
  sessionId: string,
): Promise<CheckoutSessionRow | undefined> {
  return db.transaction(async (tx) => {
    const locked = await lockCheckoutSession(tx, sessionId);
    if (locked?.status !== 'OPEN') return locked;
    const expired = await expireOpenSession(tx, sessionId);
    if (!expired) return locked;
    await emitCheckoutSessionEvent(tx, expired);
    return expired;
  });
}

/** The reconciliation sweep's part: expires sessions past their expiry. Returns how many. */
export async function expireDueSessions(db: Database, limit = 500): Promise<number> {
  let expired = 0;
  for (const id of await dueForExpiry(db, limit)) {
    const session = await expireIfDue(db, id);
    if (session?.status === 'EXPIRED') expired += 1;
  }
  return expired;
}

import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import {
  type CheckoutSessionRow,
  findCheckoutSession,
  latestSessionPayment,
} from '../stores/checkout-sessions-store.js';
import { returnUrls } from './redirects.js';
import { expireIfDue } from './settle-session.js';

/** Payment attempts one session allows: enough for honest retries, too few to spam a phone. */
export const maxAttempts = 5;

/** Where the customer is on the hosted page. */
export type CheckoutPhase =
  /** No attempt yet: enter a phone. */
  | 'ready'
  /** An STK push is waiting for the customer's PIN. */
  | 'waiting'
  /** Paid: the page sends the customer to the success URL. */
  | 'paid'
  /** The last attempt did not complete: try again or leave. */
  | 'failed'
  /** An attempt needs a person (paid late, or paid what it should not): do not pay again. */
  | 'review'
  /** Past its expiry unpaid: nothing more can start. */
  | 'expired';

/** What the hosted page shows and its script polls (`GET /checkout/{id}/status`). */
export interface CheckoutState {
  session: CheckoutSessionRow;
  phase: CheckoutPhase;
  attempt:
    | {
        payment_id: string;
        status: string;
        failure_code: string | null;
        phone: string | null;
        receipt: string | null;
      }
    | undefined;
  attemptsLeft: number;
  urls: ReturnType<typeof returnUrls>;
}

/** The session's state for its customer; a session past its expiry is expired on the way. */
export async function readCheckoutState(
  deps: { db: Database; jobs: Jobs },
  sessionId: string,
): Promise<CheckoutState | undefined> {
  let session = await findCheckoutSession(deps.db, sessionId);
  if (!session) return undefined;
  if (session.status === 'OPEN' && new Date(session.expires_at).getTime() <= Date.now()) {
    session = (await expireIfDue(deps.db, sessionId)) ?? session;
  }
  const latest = await latestSessionPayment(deps.db, sessionId);
  const attempt = latest && {
    payment_id: latest.id,
    status: latest.status,
    failure_code: latest.failure_code,
    phone: latest.phone,
    receipt: latest.receipt,
  };
  return {
    session,
    phase: phaseOf(session, latest),
    attempt,
    attemptsLeft: Math.max(0, maxAttempts - session.attempts),
    urls: returnUrls(session),
  };
}

function phaseOf(
  session: CheckoutSessionRow,
  latest: Awaited<ReturnType<typeof latestSessionPayment>>,
): CheckoutPhase {
  if (session.status === 'COMPLETED') return 'paid';
  if (latest?.flagged) return 'review';
  // A prompt M-Pesa never confirmed may still be on the phone: wait it out before a retry.
  if (latest?.status === 'PENDING' || latest?.unconfirmed) return 'waiting';
  if (session.status === 'EXPIRED') return 'expired';
  if (new Date(session.expires_at).getTime() <= Date.now()) return 'expired';
  return latest === undefined ? 'ready' : 'failed';
}

import type { Queryable } from '../db/database.js';
import type { Scope } from './rows.js';

export type CheckoutSessionStatus = 'OPEN' | 'COMPLETED' | 'EXPIRED';
export type CheckoutLocale = 'en' | 'sw';

/** A `checkout_sessions` row as the database returns it. */
export interface CheckoutSessionRow {
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: CheckoutSessionStatus;
  amount_cents: string | number | bigint;
  currency: string;
  description: string | null;
  success_url: string;
  cancel_url: string;
  failure_url: string | null;
  allowed_origins: string[];
  locale: CheckoutLocale;
  customer_phone: string | null;
  metadata: Record<string, unknown>;
  /** The completed payment; null until then. */
  payment_id: string | null;
  /** Payment attempts started from the hosted page. */
  attempts: number;
  expires_at: Date | string;
  completed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface NewCheckoutSession {
  id: string;
  scope: Scope;
  amountCents: number;
  currency: string;
  description: string | null;
  successUrl: string;
  cancelUrl: string;
  failureUrl: string | null;
  allowedOrigins: string[];
  locale: CheckoutLocale;
  customerPhone: string | null;
  metadata: Record<string, unknown>;
  expiresAt: Date;
}

export async function insertCheckoutSession(
  tx: Queryable,
  session: NewCheckoutSession,
): Promise<CheckoutSessionRow> {
  const rows = await tx.query<CheckoutSessionRow>(
    `insert into checkout_sessions (id, merchant_id, mode, status, amount_cents, currency, description,
       success_url, cancel_url, failure_url, allowed_origins, locale, customer_phone, metadata, expires_at)
     values ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning *`,
    [
      session.id,
      session.scope.merchantId,
      session.scope.mode,
      session.amountCents,
      session.currency,
      session.description,
      session.successUrl,
      session.cancelUrl,
      session.failureUrl,
      JSON.stringify(session.allowedOrigins),
      session.locale,
      session.customerPhone,
      JSON.stringify(session.metadata),
      session.expiresAt.toISOString(),
    ],
  );
  return rows[0] as CheckoutSessionRow;
}

/** Any session by id (the hosted page: the id is the customer's only credential). */
export async function findCheckoutSession(
  db: Queryable,
  id: string,
): Promise<CheckoutSessionRow | undefined> {
  return (
    await db.query<CheckoutSessionRow>('select * from checkout_sessions where id = $1', [id])
  )[0];
}

export async function findMerchantCheckoutSession(
  db: Queryable,
  scope: Scope,
  id: string,
): Promise<CheckoutSessionRow | undefined> {
  const rows = await db.query<CheckoutSessionRow>(
    'select * from checkout_sessions where id = $1 and merchant_id = $2 and mode = $3',
    [id, scope.merchantId, scope.mode],
  );
  return rows[0];
}

/** The session locked for the rest of the transaction (starting an attempt, settling). */
export async function lockCheckoutSession(
  tx: Queryable,
  id: string,
): Promise<CheckoutSessionRow | undefined> {
  const rows = await tx.query<CheckoutSessionRow>(
    'select * from checkout_sessions where id = $1 for update',
    [id],
  );
  return rows[0];
}

export async function countCheckoutAttempt(tx: Queryable, id: string): Promise<void> {
  await tx.query(
    'update checkout_sessions set attempts = attempts + 1, updated_at = now() where id = $1',
    [id],
  );
}

/** Compare-and-set OPEN → COMPLETED with its payment; undefined when it was not open. */
export async function completeOpenSession(
  tx: Queryable,
  id: string,
  paymentId: string,
): Promise<CheckoutSessionRow | undefined> {
  const rows = await tx.query<CheckoutSessionRow>(
    `update checkout_sessions set status = 'COMPLETED', payment_id = $2, completed_at = now(),
       updated_at = now()
     where id = $1 and status = 'OPEN' returning *`,
    [id, paymentId],
  );
  return rows[0];
}

/** How long an STK prompt M-Pesa never confirmed may still be on the phone (it lasts ~1 min). */
export const unconfirmedSeconds = 180;

/**
 * What keeps a session from another attempt and from expiring: an attempt that may still take
 * the customer's money. That is one PENDING (the prompt is on the phone); one M-Pesa never
 * confirmed receiving, for as long as its prompt could still be answered (`unconfirmedSeconds`);
 * and one flagged for review (paid after it was settled otherwise, or paid with the wrong amount
 * or phone), until a person decides.
 */
const attemptHolds = (session: string) => `exists (
  select 1 from payments p where p.checkout_session_id = ${session} and (
    p.status = 'PENDING' or p.flagged_reason is not null
    or (p.failure_code = 'PROVIDER_UNCONFIRMED'
        and p.updated_at > now() - make_interval(secs => ${unconfirmedSeconds}))))`;

/** Whether an attempt holds the session (see `attemptHolds`); run after locking it. */
export async function attemptInFlight(db: Queryable, sessionId: string): Promise<boolean> {
  const rows = await db.query<{ holds: boolean }>(`select ${attemptHolds('$1')} as holds`, [
    sessionId,
  ]);
  return rows[0]?.holds === true;
}

/**
 * Compare-and-set OPEN → EXPIRED, only past the expiry and with no attempt holding it (a customer
 * prompted a second before the expiry may still pay: the session waits for that answer).
 */
export async function expireOpenSession(
  tx: Queryable,
  id: string,
): Promise<CheckoutSessionRow | undefined> {
  const rows = await tx.query<CheckoutSessionRow>(
    `update checkout_sessions s set status = 'EXPIRED', updated_at = now()
     where s.id = $1 and s.status = 'OPEN' and s.expires_at <= now() and not ${attemptHolds('s.id')}
     returning *`,
    [id],
  );
  return rows[0];
}

/** Open sessions past their expiry, oldest first. */
export async function dueForExpiry(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from checkout_sessions where status = 'OPEN' and expires_at <= now()
     order by expires_at limit $1`,
    [limit],
  );
  return rows.map((row) => row.id);
}

/**
 * The session's latest payment attempt, if any; `flagged` when any attempt of the session is
 * flagged for review (an older attempt paid late holds the session as much as the latest).
 */
export async function latestSessionPayment(db: Queryable, sessionId: string) {
  const rows = await db.query<{
    id: string;
    status: string;
    failure_code: string | null;
    failure_message: string | null;
    phone: string | null;
    receipt: string | null;
    flagged: boolean;
    unconfirmed: boolean;
  }>(
    `select id, status, failure_code, failure_message, phone, receipt,
       exists (select 1 from payments f
               where f.checkout_session_id = $1 and f.flagged_reason is not null) as flagged,
       (failure_code = 'PROVIDER_UNCONFIRMED'
        and updated_at > now() - make_interval(secs => ${unconfirmedSeconds})) as unconfirmed
     from payments
     where checkout_session_id = $1 order by created_at desc, id desc limit 1`,
    [sessionId],
  );
  return rows[0];
}

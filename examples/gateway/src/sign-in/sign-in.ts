import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import { randomToken } from '../ids/ids.js';
import {
  type DashboardSessionRow,
  deleteDashboardSession,
  deleteExpiredSignIns,
  deleteFormUse,
  findDashboardSession,
  insertDashboardSession,
  insertFormUse,
  insertLoginLink,
  loginLinkUsable,
  setDashboardMode,
  useLoginLink,
} from '../stores/dashboard-store.js';
import { merchantExists } from '../stores/merchants-store.js';
import type { Mode } from '../stores/rows.js';

/** A sign-in link works once, within 15 minutes of being printed. */
export const loginLinkSeconds = 15 * 60;
/** A dashboard session lasts 12 hours; signing in again starts a new one. */
export const sessionSeconds = 12 * 60 * 60;

/**
 * Tokens are 256 random bits, so a fast hash is enough at rest (a slow hash protects guessable
 * passwords; nothing here is guessable). The database never holds a usable token.
 */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A one-time sign-in link for the merchant's dashboard, as the CLI prints it. Whoever can run
 * the CLI can already read the database: printing a link grants nothing more.
 */
export async function createLoginLink(
  db: Database,
  merchantId: string,
  publicUrl: string,
): Promise<{ url: string; expiresInSeconds: number }> {
  if (!(await merchantExists(db, merchantId))) {
    throw new DomainError('NOT_FOUND', `No merchant ${merchantId.slice(0, 64)}.`, 'merchant_id');
  }
  const token = randomToken(32);
  await insertLoginLink(db, {
    tokenHash: hashToken(token),
    merchantId,
    expiresInSeconds: loginLinkSeconds,
  });
  return { url: `${publicUrl}/dashboard/login/${token}`, expiresInSeconds: loginLinkSeconds };
}

/** Whether a link is still good (the page shows a sign-in button, or says it is spent). */
export function loginLinkIsUsable(db: Database, token: string): Promise<boolean> {
  return loginLinkUsable(db, hashToken(token));
}

/**
 * Spends a sign-in link (once: a compare-and-set) and opens a session in test mode. Returns the
 * session token for the cookie, or undefined when the link is unknown, used or expired.
 */
export async function signIn(db: Database, linkToken: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const merchantId = await useLoginLink(tx, hashToken(linkToken));
    if (!merchantId) return undefined;
    const token = randomToken(32);
    await insertDashboardSession(tx, {
      tokenHash: hashToken(token),
      merchantId,
      csrfToken: randomToken(32),
      lifetimeSeconds: sessionSeconds,
    });
    return token;
  });
}

/** The signed-in merchant for a session token, or undefined (unknown or expired). */
export function readSession(db: Database, token: string): Promise<DashboardSessionRow | undefined> {
  return findDashboardSession(db, hashToken(token));
}

/** Switches what the dashboard shows: test or live data. */
export function switchMode(db: Database, token: string, mode: Mode): Promise<void> {
  return setDashboardMode(db, hashToken(token), mode);
}

export function signOut(db: Database, token: string): Promise<void> {
  return deleteDashboardSession(db, hashToken(token));
}

/**
 * Spends a form's one-time value in the session: true the first time, false when the form was
 * sent before (a reload or a double click sends it again).
 */
export function spendFormValue(db: Database, token: string, nonce: string): Promise<boolean> {
  return insertFormUse(db, { sessionHash: hashToken(token), nonce });
}

/** Gives a one-time value back when its form did nothing, so sending it again is allowed. */
export function returnFormValue(db: Database, token: string, nonce: string): Promise<void> {
  return deleteFormUse(db, { sessionHash: hashToken(token), nonce });
}

/** Housekeeping: expired sessions and links are deleted (the reconcile sweep runs it). */
export function forgetExpiredSignIns(db: Database): Promise<void> {
  return deleteExpiredSignIns(db);
}

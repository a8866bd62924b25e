import type { Queryable } from '../db/database.js';
import type { Mode } from './rows.js';

export async function insertLoginLink(
  db: Queryable,
  link: { tokenHash: string; merchantId: string; expiresInSeconds: number },
): Promise<void> {
  await db.query(
    `insert into dashboard_login_links (token_hash, merchant_id, expires_at)
     values ($1, $2, now() + make_interval(secs => $3))`,
    [link.tokenHash, link.merchantId, link.expiresInSeconds],
  );
}

/** Marks an unused, unexpired link used (compare-and-set); its merchant, or undefined. */
export async function useLoginLink(db: Queryable, tokenHash: string): Promise<string | undefined> {
  const rows = await db.query<{ merchant_id: string }>(
    `update dashboard_login_links set used_at = now()
     where token_hash = $1 and used_at is null and expires_at > now() returning merchant_id`,
    [tokenHash],
  );
  return rows[0]?.merchant_id;
}

/** Whether the link could still sign someone in (shown before the button is pressed). */
export async function loginLinkUsable(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from dashboard_login_links where token_hash = $1 and used_at is null and expires_at > now()`,
    [tokenHash],
  );
  return rows.length > 0;
}

export interface DashboardSessionRow {
  merchant_id: string;
  merchant_name: string;
  mode: Mode;
  csrf_token: string;
}

export async function insertDashboardSession(
  db: Queryable,
  session: {
    tokenHash: string;
    merchantId: string;
    csrfToken: string;
    lifetimeSeconds: number;
  },
): Promise<void> {
  await db.query(
    `insert into dashboard_sessions (token_hash, merchant_id, mode, csrf_token, expires_at)
     values ($1, $2, 'test', $3, now() + make_interval(secs => $4))`,
    [session.tokenHash, session.merchantId, session.csrfToken, session.lifetimeSeconds],
  );
}

export async function findDashboardSession(
  db: Queryable,
  tokenHash: string,
): Promise<DashboardSessionRow | undefined> {
  const rows = await db.query<DashboardSessionRow>(
    `select s.merchant_id, m.name as merchant_name, s.mode, s.csrf_token
     from dashboard_sessions s join merchants m on m.id = s.merchant_id
     where s.token_hash = $1 and s.expires_at > now()`,
    [tokenHash],
  );
  return rows[0];
}

export async function setDashboardMode(db: Queryable, tokenHash: string, mode: Mode) {
  await db.query('update dashboard_sessions set mode = $2 where token_hash = $1', [
    tokenHash,
    mode,
  ]);
}

export async function deleteDashboardSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from dashboard_sessions where token_hash = $1', [tokenHash]);
}

/** Drops expired sessions and links (the reconcile sweep's housekeeping). */
export async function deleteExpiredSignIns(db: Queryable): Promise<void> {
  await db.query('delete from dashboard_sessions where expires_at < now()');
  await db.query("delete from dashboard_login_links where expires_at < now() - interval '1 day'");
}

/** Records a form's one-time value as spent; false when it already was (the form was resent). */
export async function insertFormUse(
  db: Queryable,
  use: { sessionHash: string; nonce: string },
): Promise<boolean> {
  const rows = await db.query(
    `insert into dashboard_form_uses (session_hash, nonce) values ($1, $2)
     on conflict do nothing returning 1`,
    [use.sessionHash, use.nonce],
  );
  return rows.length > 0;
}

/** Gives a one-time value back: its form did nothing (refused, or failed). */
export async function deleteFormUse(
  db: Queryable,
  use: { sessionHash: string; nonce: string },
): Promise<void> {
  await db.query('delete from dashboard_form_uses where session_hash = $1 and nonce = $2', [
    use.sessionHash,
    use.nonce,
  ]);
}

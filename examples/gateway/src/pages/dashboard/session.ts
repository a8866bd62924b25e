import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import type { AppEnv } from '../../http/app-env.js';
import { readLimitedText } from '../../http/read-body.js';
import { readSession, sessionSeconds } from '../../sign-in/sign-in.js';
import type { DashboardSessionRow } from '../../stores/dashboard-store.js';
import { unstorableText } from '../../stores/storable.js';
import { dashboardHeaders, plainPage } from './layout.js';

export const cookieName = 'malipo_dashboard';

/** What a signed-in dashboard request carries. */
export interface DashboardEnv extends AppEnv {
  Variables: AppEnv['Variables'] & {
    session: DashboardSessionRow;
    sessionToken: string;
    /** The posted form (POST requests), already checked for its CSRF token. */
    form: URLSearchParams;
  };
}

/** The cookie: unreadable by scripts, sent only to the dashboard, never cross-site. */
export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, cookieName, token, {
    path: '/dashboard',
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    maxAge: sessionSeconds,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName, { path: '/dashboard', secure });
}

/** Dashboard forms are tiny; anything bigger is not from them. */
const formLimit = 16 * 1024;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Every signed-in route: without a live session a page request goes to sign-in and a form post
 * is refused; every form post must carry the session's CSRF token (compared in constant time),
 * on top of the same-origin check and the `SameSite=Strict` cookie.
 */
export function requireSession(db: Database): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const token = getCookie(c, cookieName);
    const session = token ? await readSession(db, token) : undefined;
    if (!token || !session) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return c.redirect('/dashboard/login', 302);
      }
      return c.html(
        plainPage(
          'Signed out',
          html`<p>Your session ended. <a href="/dashboard/login">Sign in again</a>.</p>`,
        ),
        401,
        dashboardHeaders,
      );
    }
    c.set('session', session);
    c.set('sessionToken', token);
    if (c.req.method === 'POST') {
      const form = new URLSearchParams(await readLimitedText(c, formLimit));
      if (!sameText(form.get('_csrf') ?? '', session.csrf_token)) {
        return c.html(
          plainPage(
            'Form refused',
            html`<p>This form was not sent from your dashboard session (its security token is missing or stale). Go back, reload the page and try again.</p><p><a href="/dashboard/payments">Back to the dashboard</a></p>`,
          ),
          403,
          dashboardHeaders,
        );
      }
      // Text PostgreSQL cannot store (NUL, lone surrogates) is a 400 here, never a 500 later.
      for (const [name, value] of form) {
        const problem = unstorableText(name) ?? unstorableText(value);
        if (problem) {
          return c.html(
            plainPage(
              'Form refused',
              html`<p>The form field ${name.slice(0, 40)} holds ${problem}: remove it and send the form again.</p>`,
            ),
            400,
            dashboardHeaders,
          );
        }
      }
      c.set('form', form);
    }
    await next();
  };
}

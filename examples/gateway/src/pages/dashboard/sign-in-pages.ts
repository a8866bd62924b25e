import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { loginLinkIsUsable, signIn, signOut, switchMode } from '../../sign-in/sign-in.js';
import { dashboardHeaders, plainPage } from './layout.js';
import {
  clearSessionCookie,
  type DashboardEnv,
  requireSession,
  setSessionCookie,
} from './session.js';

const linkToken = /^[A-Za-z0-9_-]{43}$/;

const howToSignIn = html`<p>The dashboard signs you in with a one-time link, printed on the machine
that runs the gateway (the first start prints one too):</p>
<p><code>pnpm --filter @malipo/example-gateway admin login-link --merchant MER_ID</code></p>
<p class="muted">A link works once, for 15 minutes.</p>`;

/** Sign-in with a one-time link, sign-out, and the test/live switch. */
export function signInPages(db: Database, options: { secureCookie: boolean }) {
  const app = new Hono<DashboardEnv>();

  app.get('/dashboard/login', (c) =>
    c.html(plainPage('Sign in to the dashboard', howToSignIn), 200, dashboardHeaders),
  );

  // Opening the link only shows a button: link scanners and previews fetch URLs, and must not
  // spend the link or receive a session.
  app.get('/dashboard/login/:token', async (c) => {
    const token = c.req.param('token');
    if (!linkToken.test(token) || !(await loginLinkIsUsable(db, token))) {
      return c.html(spent(), 410, dashboardHeaders);
    }
    return c.html(
      plainPage(
        'Sign in to the dashboard',
        html`<form method="post" action="/dashboard/login/${token}"><button type="submit">Sign in</button></form>`,
      ),
      200,
      dashboardHeaders,
    );
  });

  app.post('/dashboard/login/:token', async (c) => {
    const token = c.req.param('token');
    const session = linkToken.test(token) ? await signIn(db, token) : undefined;
    if (!session) return c.html(spent(), 410, dashboardHeaders);
    setSessionCookie(c, session, options.secureCookie);
    return c.redirect('/dashboard/payments', 303);
  });

  const auth = requireSession(db);
  app.post('/dashboard/logout', auth, async (c) => {
    await signOut(db, c.get('sessionToken'));
    clearSessionCookie(c, options.secureCookie);
    return c.redirect('/dashboard/login', 303);
  });
  app.post('/dashboard/mode', auth, async (c) => {
    const mode = c.get('form').get('mode');
    if (mode === 'test' || mode === 'live') await switchMode(db, c.get('sessionToken'), mode);
    return c.redirect('/dashboard/payments', 303);
  });
  return app;
}

function spent() {
  return plainPage(
    'This sign-in link cannot be used',
    html`<p>It was used already, has expired, or was mistyped.</p>${howToSignIn}`,
  );
}

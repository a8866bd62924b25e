import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { returnFormValue, spendFormValue } from '../../sign-in/sign-in.js';
import { dashboardHeaders, plainPage } from './layout.js';
import type { DashboardEnv } from './session.js';

/** What `onceField` writes: 18 random bytes, base64url. */
const onceValue = /^[A-Za-z0-9_-]{24}$/;

/**
 * For a form whose work must not run twice (a new key or endpoint, a rotated secret, a resent
 * delivery): its one-time `_once` value is spent before the work runs, so the same form sent
 * again (a reload of the page it answered, a double click) is refused with 409 and does nothing.
 * When the form does nothing (refused with a 4xx, or failed) the value is given back, and
 * sending it again gets the same answer as the first time. Runs after `requireSession`.
 */
export function sentOnce(db: Database, backTo: string): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const nonce = c.get('form').get('_once') ?? '';
    if (!onceValue.test(nonce)) {
      return c.html(
        plainPage(
          'Form refused',
          html`<p>This form is missing its one-time field (it was not sent from a dashboard page). <a href="${backTo}">Open the page again</a> and send the form from it.</p>`,
        ),
        400,
        dashboardHeaders,
      );
    }
    const token = c.get('sessionToken');
    if (!(await spendFormValue(db, token, nonce))) {
      return c.html(
        plainPage(
          'Already sent',
          html`<p>This form was already sent, so nothing was done again (reloading a page that answered a form sends the form again). <a href="${backTo}">Back to the dashboard</a></p>`,
        ),
        409,
        dashboardHeaders,
      );
    }
    try {
      await next();
    } catch (error) {
      await returnFormValue(db, token, nonce);
      throw error;
    }
    if (c.res.status >= 400) await returnFormValue(db, token, nonce);
  };
}

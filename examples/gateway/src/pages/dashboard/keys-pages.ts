import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { isDomainError } from '../../errors/domain-error.js';
import { issueKey, merchantKeys, revokeMerchantApiKey } from '../../merchants/operations.js';
import type { DashboardSessionRow } from '../../stores/dashboard-store.js';
import { csrfField, dashboardHeaders, dashboardPage, onceField } from './layout.js';
import { badge, when } from './parts.js';
import { sentOnce } from './sent-once.js';
import type { DashboardEnv } from './session.js';

/** API keys of the mode shown: create (secret shown once) and revoke. */
export function keyPages(db: Database, auth: MiddlewareHandler<DashboardEnv>) {
  const app = new Hono<DashboardEnv>();

  const keysPage = async (
    session: DashboardSessionRow,
    message: { notice?: string; error?: string } = {},
    created?: { apiKey: string; apiSecret: string },
  ) => {
    const keys = (await merchantKeys(db, session.merchant_id)).filter(
      (k) => k.mode === session.mode,
    );
    return dashboardPage(
      session,
      { title: 'API keys', tab: 'keys', ...message },
      html`${
        created
          ? html`<div class="secret" role="status"><p><strong>New ${session.mode} key — its secret is shown once.</strong> Only a hash is stored.</p><p>API key: <code>${created.apiKey}</code></p><p>API secret: <code id="secret">${created.apiSecret}</code></p></div>`
          : ''
      }<div class="panel"><table><thead><tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Created</th><th scope="col"><span class="skip">Actions</span></th></tr></thead><tbody>${keys.map(
        (k) =>
          html`<tr><td><code>${k.key}</code></td><td>${badge(k.revoked_at ? 'CANCELLED' : 'active')}${k.revoked_at ? html` <span class="muted">revoked ${when(k.revoked_at)}</span>` : ''}</td><td>${when(k.created_at)}</td><td>${
            k.revoked_at
              ? ''
              : html`<form class="inline" method="post" action="/dashboard/keys/${k.id}/revoke">${csrfField(session)}<button type="submit" class="danger">Revoke<span class="skip"> key ${k.key}</span></button></form>`
          }</td></tr>`,
      )}</tbody></table></div>
<form class="panel" method="post" action="/dashboard/keys">${csrfField(session)}${onceField()}
<p>A new ${session.mode} key works at once; its secret is shown once.</p>
<button type="submit">Create a ${session.mode} key</button>
</form>`,
    );
  };

  app.get('/dashboard/keys', auth, async (c) =>
    c.html(await keysPage(c.get('session')), 200, dashboardHeaders),
  );

  app.post('/dashboard/keys', auth, sentOnce(db, '/dashboard/keys'), async (c) => {
    const session = c.get('session');
    const key = await issueKey(db, session.merchant_id, session.mode);
    return c.html(await keysPage(session, {}, key), 201, dashboardHeaders);
  });

  app.post('/dashboard/keys/:id/revoke', auth, async (c) => {
    const session = c.get('session');
    try {
      await revokeMerchantApiKey(
        db,
        { merchantId: session.merchant_id, mode: session.mode },
        c.req.param('id'),
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return c.html(await keysPage(session, { error: error.message }), 404, dashboardHeaders);
    }
    return c.html(
      await keysPage(session, { notice: 'Key revoked: requests with it are refused from now on.' }),
      200,
      dashboardHeaders,
    );
  });

  return app;
}

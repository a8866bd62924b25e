import { createWebhookEndpointRequest, gatewayEventTypes } from '@malipo/contract';
import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { DomainError, isDomainError } from '../../errors/domain-error.js';
import { validate } from '../../http/json-body.js';
import { noIdempotencyScope } from '../../idempotency/idempotency.js';
import type { DashboardSessionRow } from '../../stores/dashboard-store.js';
import type { EndpointRow } from '../../stores/endpoints-store.js';
import {
  changeEndpoint,
  createEndpoint,
  deleteEndpoint,
  listMerchantEndpoints,
  merchantEndpoint,
  rotateEndpointSecret,
} from '../../webhooks/endpoints.js';
import { csrfField, dashboardHeaders, dashboardPage, onceField } from './layout.js';
import { badge, when } from './parts.js';
import { sentOnce } from './sent-once.js';
import type { DashboardEnv } from './session.js';

/** How long a rotated endpoint secret keeps signing beside the new one. */
const rotationOverlapSeconds = 24 * 60 * 60;

/** The event types chosen in a form: every type (`*`) unless some are ticked. */
function eventsOf(form: URLSearchParams): string[] {
  if (form.get('all_events') === 'on') return ['*'];
  const chosen = form
    .getAll('events')
    .filter((e) => (gatewayEventTypes as readonly string[]).includes(e));
  return chosen;
}

function eventChoices(selected: readonly string[]) {
  const all = selected.includes('*');
  return html`<fieldset><legend>Events to send</legend>
<label class="check"><input type="checkbox" name="all_events"${all ? html` checked` : ''}> Every event, also types added later</label>
${gatewayEventTypes.map(
  (type) =>
    html`<label class="check"><input type="checkbox" name="events" value="${type}"${!all && selected.includes(type) ? html` checked` : ''}> <code>${type}</code></label>`,
)}
</fieldset>`;
}

const secretBox = (secret: string) =>
  html`<div class="secret" role="status"><p><strong>Signing secret — shown once.</strong> Copy it into your receiver's configuration now; the dashboard cannot show it again.</p><p><code id="secret">${secret}</code></p></div>`;

/** Webhook endpoints: list, create (secret shown once), edit events, pause, rotate, delete. */
export function webhookPages(
  db: Database,
  auth: MiddlewareHandler<DashboardEnv>,
  options: { allowPrivate: boolean; maxEndpoints: number },
) {
  const app = new Hono<DashboardEnv>();
  const scopeOf = (session: DashboardSessionRow) => ({
    merchantId: session.merchant_id,
    mode: session.mode,
  });

  const listPage = async (
    session: DashboardSessionRow,
    message: { notice?: string; error?: string } = {},
    form: { url?: string; description?: string } = {},
  ) => {
    const rows = (await listMerchantEndpoints(db, scopeOf(session), undefined, 100)).slice(0, 100);
    return dashboardPage(
      session,
      { title: 'Webhook endpoints', tab: 'webhooks', ...message },
      html`<div class="panel">${
        rows.length === 0
          ? html`<p class="muted">No endpoints in ${session.mode} mode yet.</p>`
          : html`<table><thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th><th scope="col">Created</th></tr></thead><tbody>${rows.map(
              (e) =>
                html`<tr><td><a href="/dashboard/webhooks/${e.id}"><code>${e.url}</code></a>${e.description ? html`<br><span class="muted">${e.description}</span>` : ''}</td><td>${e.enabled_events.join(', ')}</td><td>${badge(e.disabled_at ? 'paused' : 'active')}</td><td>${when(e.created_at)}</td></tr>`,
            )}</tbody></table>`
      }</div>
<h2>Add an endpoint</h2>
<form class="panel" method="post" action="/dashboard/webhooks">${csrfField(session)}${onceField()}
<label for="url">Endpoint URL</label><input id="url" name="url" type="url" required value="${form.url ?? ''}" placeholder="https://example.com/webhooks/malipo">
<p><label for="description">Description (optional)</label><input id="description" name="description" type="text" maxlength="255" value="${form.description ?? ''}"></p>
${eventChoices(['*'])}
<button type="submit">Add endpoint</button>
</form>`,
    );
  };

  app.get('/dashboard/webhooks', auth, async (c) =>
    c.html(await listPage(c.get('session')), 200, dashboardHeaders),
  );

  app.post('/dashboard/webhooks', auth, sentOnce(db, '/dashboard/webhooks'), async (c) => {
    const session = c.get('session');
    const form = c.get('form');
    const url = (form.get('url') ?? '').trim();
    const description = (form.get('description') ?? '').trim();
    const events = eventsOf(form);
    try {
      if (events.length === 0) {
        throw new DomainError(
          'INVALID_REQUEST',
          'Choose at least one event type, or every event.',
          'events',
        );
      }
      // The same rules as the API's POST /api/v1/webhook-endpoints.
      const input = validate(createWebhookEndpointRequest, {
        url,
        ...(events.includes('*') ? {} : { events }),
        ...(description ? { description } : {}),
      });
      const created = await createEndpoint(db, scopeOf(session), input, {
        ...options,
        scope: noIdempotencyScope,
      });
      return c.html(
        dashboardPage(
          session,
          { title: 'Endpoint added', tab: 'webhooks' },
          html`${secretBox(created.secret)}<p>Deliveries to <code>${created.url}</code> are signed with it (Standard Webhooks). <a href="/dashboard/webhooks/${created.id}">Endpoint settings</a> · <a href="/dashboard/webhooks">All endpoints</a></p>`,
        ),
        201,
        dashboardHeaders,
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return c.html(
        await listPage(session, { error: error.message }, { url, description }),
        400,
        dashboardHeaders,
      );
    }
  });

  const endpointPage = (
    session: DashboardSessionRow,
    endpoint: EndpointRow,
    message: { notice?: string; error?: string } = {},
    secret?: string,
  ) =>
    dashboardPage(
      session,
      { title: 'Webhook endpoint', tab: 'webhooks', ...message },
      html`${secret ? secretBox(secret) : ''}<div class="panel"><dl class="grid"><dt>URL</dt><dd><code>${endpoint.url}</code></dd><dt>Id</dt><dd><code>${endpoint.id}</code></dd><dt>State</dt><dd>${badge(endpoint.disabled_at ? 'paused' : 'active')}</dd><dt>Created</dt><dd>${when(endpoint.created_at)}</dd></dl></div>
<h2>Events and state</h2>
<form class="panel" method="post" action="/dashboard/webhooks/${endpoint.id}">${csrfField(session)}
${eventChoices(endpoint.enabled_events)}
<label class="check"><input type="checkbox" name="paused"${endpoint.disabled_at ? html` checked` : ''}> Paused: send no new events to this endpoint</label>
<p><button type="submit">Save</button></p>
</form>
<h2>Signing secret</h2>
<form class="panel" method="post" action="/dashboard/webhooks/${endpoint.id}/rotate">${csrfField(session)}${onceField()}
<p>A new secret is shown once. The current one keeps signing beside it for 24 hours, so you can switch your receiver without missing a delivery.</p>
<button type="submit" class="secondary">Rotate the secret</button>
</form>
<h2>Delete</h2>
<form class="panel" method="post" action="/dashboard/webhooks/${endpoint.id}/delete">${csrfField(session)}
<p>Deleting stops every delivery to this endpoint, including those waiting for a retry.</p>
<button type="submit" class="danger">Delete endpoint</button>
</form>
<p><a href="/dashboard/webhooks">All endpoints</a></p>`,
    );

  const notFound = (session: DashboardSessionRow) =>
    dashboardPage(
      session,
      { title: 'Endpoint not found', tab: 'webhooks' },
      html`<p>No such endpoint in ${session.mode} mode. <a href="/dashboard/webhooks">All endpoints</a></p>`,
    );

  app.get('/dashboard/webhooks/:id', auth, async (c) => {
    const session = c.get('session');
    try {
      const endpoint = await merchantEndpoint(db, scopeOf(session), c.req.param('id'));
      return c.html(endpointPage(session, endpoint), 200, dashboardHeaders);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return c.html(notFound(session), 404, dashboardHeaders);
    }
  });

  app.post('/dashboard/webhooks/:id', auth, async (c) => {
    const session = c.get('session');
    const form = c.get('form');
    try {
      const endpoint = await changeEndpoint(db, scopeOf(session), c.req.param('id'), {
        events: eventsOf(form),
        paused: form.get('paused') === 'on',
      });
      return c.html(endpointPage(session, endpoint, { notice: 'Saved.' }), 200, dashboardHeaders);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const endpoint = await merchantEndpoint(db, scopeOf(session), c.req.param('id')).catch(
        () => undefined,
      );
      if (!endpoint) return c.html(notFound(session), 404, dashboardHeaders);
      return c.html(
        endpointPage(session, endpoint, { error: error.message }),
        400,
        dashboardHeaders,
      );
    }
  });

  app.post(
    '/dashboard/webhooks/:id/rotate',
    auth,
    sentOnce(db, '/dashboard/webhooks'),
    async (c) => {
      const session = c.get('session');
      try {
        const secret = await rotateEndpointSecret(
          db,
          scopeOf(session),
          c.req.param('id'),
          rotationOverlapSeconds,
        );
        const endpoint = await merchantEndpoint(db, scopeOf(session), c.req.param('id'));
        return c.html(
          endpointPage(session, endpoint, { notice: 'Secret rotated.' }, secret),
          200,
          dashboardHeaders,
        );
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return c.html(notFound(session), 404, dashboardHeaders);
      }
    },
  );

  app.post('/dashboard/webhooks/:id/delete', auth, async (c) => {
    const session = c.get('session');
    try {
      await deleteEndpoint(db, scopeOf(session), c.req.param('id'));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return c.html(notFound(session), 404, dashboardHeaders);
    }
    return c.html(await listPage(session, { notice: 'Endpoint deleted.' }), 200, dashboardHeaders);
  });

  return app;
}

import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { isDomainError } from '../../errors/domain-error.js';
import type { Jobs } from '../../jobs/jobs.js';
import { listMerchantDeliveries, retryDelivery } from '../../webhooks/deliveries.js';
import { dashboardHeaders, dashboardPage } from './layout.js';
import { cursorOf, deliveriesTable, pager, safeReturn } from './parts.js';
import { sentOnce } from './sent-once.js';
import type { DashboardEnv } from './session.js';

const statuses = ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'];
const pageSize = 25;

/** The delivery log (paginated, by status) and the retry button. */
export function deliveryPages(db: Database, jobs: Jobs, auth: MiddlewareHandler<DashboardEnv>) {
  const app = new Hono<DashboardEnv>();

  app.get('/dashboard/deliveries', auth, async (c) => {
    const session = c.get('session');
    const scope = { merchantId: session.merchant_id, mode: session.mode };
    const status = statuses.includes(c.req.query('status') ?? '')
      ? c.req.query('status')
      : undefined;
    const rows = await listMerchantDeliveries(
      db,
      scope,
      { status },
      cursorOf(c.req.query('cursor')),
      pageSize,
    );
    const here = `/dashboard/deliveries${status ? `?status=${status}` : ''}`;
    const notice = c.req.query('retried')
      ? `Delivery ${c.req.query('retried')?.slice(0, 30)} queued again.`
      : undefined;
    return c.html(
      dashboardPage(
        session,
        { title: 'Webhook deliveries', tab: 'deliveries', notice },
        html`<form class="panel filters" method="get" action="/dashboard/deliveries">
<div><label for="status">Status</label><select id="status" name="status"><option value="">Any status</option>${statuses.map(
          (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`,
        )}</select></div>
<div><button type="submit">Filter</button></div>
</form>
<div class="panel">${deliveriesTable(session, rows.slice(0, pageSize), here)}${pager(
          rows.map((r) => ({ ...r.delivery, id: r.delivery.id })),
          pageSize,
          (cursor) =>
            `/dashboard/deliveries?${new URLSearchParams({ status: status ?? '', cursor })}`,
        )}</div>`,
      ),
      200,
      dashboardHeaders,
    );
  });

  app.post(
    '/dashboard/deliveries/:id/retry',
    auth,
    sentOnce(db, '/dashboard/deliveries'),
    async (c) => {
      const session = c.get('session');
      const scope = { merchantId: session.merchant_id, mode: session.mode };
      const back = safeReturn(c.get('form').get('return_to'), '/dashboard/deliveries');
      try {
        await retryDelivery(db, jobs, scope, c.req.param('id'));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return c.html(
          dashboardPage(
            session,
            { title: 'Delivery not retried', tab: 'deliveries', error: error.message },
            html`<p><a href="${back}">Back</a></p>`,
          ),
          error.code === 'NOT_FOUND' ? 404 : 409,
          dashboardHeaders,
        );
      }
      const target = new URL(back, 'http://dashboard');
      target.searchParams.set('retried', c.req.param('id'));
      return c.redirect(`${target.pathname}${target.search}`, 303);
    },
  );

  return app;
}

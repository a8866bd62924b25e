import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Database } from '../../db/database.js';
import { isDomainError } from '../../errors/domain-error.js';
import { paymentTimeline, searchMerchantPayments } from '../../payments/payments.js';
import { cents } from '../../stores/rows.js';
import { listMerchantDeliveries } from '../../webhooks/deliveries.js';
import { formatAmount } from '../money.js';
import { dashboardHeaders, dashboardPage } from './layout.js';
import { badge, cursorOf, deliveriesTable, pager, when } from './parts.js';
import type { DashboardEnv } from './session.js';

const statuses = ['PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'];
const pageSize = 25;

/** Payments: search and filter, and one payment with its timeline and webhook deliveries. */
export function paymentPages(
  db: Database,
  auth: MiddlewareHandler<DashboardEnv>,
  providerHealth: () => Record<string, string>,
) {
  const app = new Hono<DashboardEnv>();

  app.get('/dashboard', auth, (c) => c.redirect('/dashboard/payments', 302));

  app.get('/dashboard/payments', auth, async (c) => {
    const session = c.get('session');
    const scope = { merchantId: session.merchant_id, mode: session.mode };
    const status = statuses.includes(c.req.query('status') ?? '')
      ? c.req.query('status')
      : undefined;
    const term = (c.req.query('q') ?? '').slice(0, 100);
    const rows = await searchMerchantPayments(
      { db },
      scope,
      { status, term },
      cursorOf(c.req.query('cursor')),
      pageSize,
    );
    const query = (cursor: string) =>
      `/dashboard/payments?${new URLSearchParams({ status: status ?? '', q: term, cursor })}`;
    return c.html(
      dashboardPage(
        session,
        { title: 'Payments', tab: 'payments' },
        html`${providersLine(providerHealth(), session.mode)}<form class="panel filters" method="get" action="/dashboard/payments" role="search">
<div><label for="q">Search</label><input id="q" name="q" type="search" value="${term}" placeholder="Payment id, M-Pesa receipt or phone"></div>
<div><label for="status">Status</label><select id="status" name="status"><option value="">Any status</option>${statuses.map(
          (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`,
        )}</select></div>
<div><button type="submit">Filter</button></div>
</form>
<div class="panel">${
          rows.length === 0
            ? html`<p class="muted">No payments${status || term ? ' match' : ' yet'}.</p>`
            : html`<table><thead><tr><th scope="col">Payment</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Phone</th><th scope="col">Receipt</th><th scope="col">Created</th></tr></thead><tbody>${rows
                .slice(0, pageSize)
                .map(
                  (p) =>
                    html`<tr><td><a href="/dashboard/payments/${p.id}"><code>${p.id}</code></a></td><td class="num">${formatAmount(cents(p.amount_cents), p.currency)}</td><td>${badge(p.status)}${p.flagged_reason ? html` <span class="status s-PENDING">review</span>` : ''}</td><td>${p.phone ?? '—'}</td><td>${p.receipt ?? '—'}</td><td>${when(p.created_at)}</td></tr>`,
                )}</tbody></table>`
        }${pager(rows, pageSize, query)}</div>`,
      ),
      200,
      dashboardHeaders,
    );
  });

  app.get('/dashboard/payments/:id', auth, async (c) => {
    const session = c.get('session');
    const scope = { merchantId: session.merchant_id, mode: session.mode };
    const id = c.req.param('id');
    let found: Awaited<ReturnType<typeof paymentTimeline>>;
    try {
      found = await paymentTimeline({ db }, scope, id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return c.html(
        dashboardPage(
          session,
          { title: 'Payment not found', tab: 'payments' },
          html`<p>No payment ${id.slice(0, 64)} in ${session.mode} mode. <a href="/dashboard/payments">All payments</a></p>`,
        ),
        404,
        dashboardHeaders,
      );
    }
    const { payment, transitions } = found;
    const deliveries = await listMerchantDeliveries(
      db,
      scope,
      { paymentId: payment.id },
      undefined,
      100,
    );
    const field = (label: string, value: unknown) =>
      html`<dt>${label}</dt><dd>${value === null || value === undefined || value === '' ? '—' : value}</dd>`;
    return c.html(
      dashboardPage(
        session,
        {
          title: `Payment ${payment.id}`,
          tab: 'payments',
          notice: c.req.query('retried')
            ? `Delivery ${c.req.query('retried')?.slice(0, 30)} queued again.`
            : undefined,
        },
        html`<div class="panel"><dl class="grid">
${field('Status', badge(payment.status))}
${field('Amount', formatAmount(cents(payment.amount_cents), payment.currency))}
${field('Refunded', formatAmount(cents(payment.amount_refunded_cents), payment.currency))}
${field('Provider', payment.provider)}
${field('Phone', payment.phone)}
${field(
  'Card',
  payment.card_last4 &&
    `${payment.card_brand ?? 'card'} •••• ${payment.card_last4}, expires ${String(payment.card_exp_month).padStart(2, '0')}/${payment.card_exp_year}`,
)}
${field('M-Pesa receipt', payment.receipt)}
${field('Provider reference', payment.provider_reference && html`<code>${payment.provider_reference}</code>`)}
${field('Failure', payment.failure_code && `${payment.failure_code}: ${payment.failure_message ?? ''}`)}
${field('Needs review', payment.flagged_reason)}
${field('Checkout session', payment.checkout_session_id && html`<code>${payment.checkout_session_id}</code>`)}
${field('Metadata', html`<code>${JSON.stringify(payment.metadata)}</code>`)}
${field('Created', when(payment.created_at))}
</dl></div>
<h2>Timeline</h2>
<div class="panel"><ol class="timeline">${transitions.map(
          (t) =>
            html`<li>${when(t.created_at)}: ${t.from_status ? html`${badge(t.from_status)} → ` : ''}${badge(t.to_status)} <span class="muted">(${t.reason}${t.note ? html`: ${t.note}` : ''})</span></li>`,
        )}</ol></div>
<h2>Webhook deliveries</h2>
<div class="panel">${deliveriesTable(session, deliveries, `/dashboard/payments/${payment.id}`)}</div>`,
      ),
      200,
      dashboardHeaders,
    );
  });

  return app;
}

/** The payment providers' circuits in the mode shown (those used since the gateway started). */
function providersLine(health: Record<string, string>, mode: string) {
  const mine = Object.entries(health).filter(([key]) => key.endsWith(`:${mode}`));
  if (mine.length === 0) return '';
  const look: Record<string, string> = { closed: 'active', open: 'FAILED', 'half-open': 'PENDING' };
  return html`<p class="panel">Providers: ${mine.map(
    ([key, state], i) =>
      html`${i > 0 ? ', ' : ''}${key.split(':')[0]} <span class="status s-${look[state] ?? 'PENDING'}">${state === 'closed' ? 'up' : state === 'open' ? 'down (skipped)' : 'probing'}</span>`,
  )}</p>`;
}

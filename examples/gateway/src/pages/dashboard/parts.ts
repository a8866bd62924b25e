import { html } from 'hono/html';
import { decodeCursor, encodeCursor, type Position } from '../../pagination/cursor.js';
import type { DashboardSessionRow } from '../../stores/dashboard-store.js';
import type { AttemptRow, DeliveryRow } from '../../stores/events-store.js';
import { csrfField, onceField } from './layout.js';

/** A status as a labelled badge. */
export const badge = (status: string) => html`<span class="status s-${status}">${status}</span>`;

/** `2026-02-07 03:15:30 UTC`: unambiguous, sortable, the same for every viewer. */
export function when(value: Date | string | null): string {
  if (value === null) return '—';
  return `${(value instanceof Date ? value : new Date(value)).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The page's position from `?cursor=`; an unreadable cursor starts from the top. */
export function cursorOf(value: string | undefined): Position | undefined {
  try {
    return decodeCursor(value || undefined);
  } catch {
    return undefined;
  }
}

/** A "next page" link after the last shown row, when there are more (`rows` has `limit + 1`). */
export function pager<Row extends { position: string; id: string }>(
  rows: Row[],
  limit: number,
  href: (cursor: string) => string,
) {
  const last = rows.slice(0, limit).at(-1);
  if (rows.length <= limit || !last) return '';
  return html`<p class="pager"><a href="${href(encodeCursor({ createdAt: last.position, id: last.id }))}">Next page</a></p>`;
}

/**
 * Only dashboard pages may be returned to after a form: the path is resolved first (no `..`,
 * no `//host`), then must still lie under `/dashboard/`.
 */
export function safeReturn(path: string | null, fallback: string): string {
  if (!path?.startsWith('/') || path.startsWith('//')) return fallback;
  const resolved = new URL(path, 'http://dashboard.invalid');
  return resolved.origin === 'http://dashboard.invalid' &&
    resolved.pathname.startsWith('/dashboard/') &&
    !resolved.pathname.includes('//')
    ? `${resolved.pathname}${resolved.search}`
    : fallback;
}

/** Deliveries with each attempt (status, excerpt, duration) and a retry button. */
export function deliveriesTable(
  session: DashboardSessionRow,
  deliveries: { delivery: DeliveryRow; attempts: AttemptRow[] }[],
  returnTo: string,
) {
  if (deliveries.length === 0) return html`<p class="muted">No webhook deliveries.</p>`;
  return html`<table>
<thead><tr><th scope="col">Event</th><th scope="col">Destination</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Created</th><th scope="col"><span class="skip">Actions</span></th></tr></thead>
<tbody>${deliveries.map(
    ({ delivery, attempts }) => html`<tr>
<td>${delivery.type}<br><code>${delivery.id}</code></td>
<td><code>${delivery.url}</code></td>
<td>${badge(delivery.status)}${delivery.cancelled_reason ? html`<br><span class="muted">${delivery.cancelled_reason}</span>` : ''}</td>
<td>${
      attempts.length === 0
        ? html`<span class="muted">none yet</span>`
        : html`<details><summary>${attempts.length} attempt${attempts.length === 1 ? '' : 's'}</summary><ol>${attempts.map(
            (a) =>
              html`<li>${when(a.attempted_at)}: ${a.status_code ?? 'no answer'}, ${a.duration_ms} ms${a.error ? html` — ${a.error}` : ''}${a.response_excerpt ? html`<br><code>${a.response_excerpt.slice(0, 300)}</code>` : ''}</li>`,
          )}</ol></details>`
    }</td>
<td>${when(delivery.created_at)}</td>
<td>${
      delivery.status === 'FAILED' || delivery.status === 'DELIVERED'
        ? html`<form class="inline" method="post" action="/dashboard/deliveries/${delivery.id}/retry">${csrfField(session)}${onceField()}<input type="hidden" name="return_to" value="${returnTo}"><button type="submit" class="secondary">${delivery.status === 'FAILED' ? 'Retry' : 'Send again'}<span class="skip"> delivery ${delivery.id}</span></button></form>`
        : ''
    }</td>
</tr>`,
  )}</tbody></table>`;
}

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { DashboardSessionRow } from '../../stores/dashboard-store.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const css = readFileSync(new URL('./assets/dashboard.css', import.meta.url), 'utf8').trim();
const styleHash = `sha256-${createHash('sha256').update(css).digest('base64')}`;

/**
 * Headers of every dashboard page: no script at all, the one stylesheet by its hash, forms only
 * to the gateway itself, never framed, never cached, never indexed.
 */
export const dashboardHeaders: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    `style-src '${styleHash}'`,
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

const tabs = [
  ['payments', 'Payments', '/dashboard/payments'],
  ['webhooks', 'Webhooks', '/dashboard/webhooks'],
  ['deliveries', 'Deliveries', '/dashboard/deliveries'],
  ['keys', 'API keys', '/dashboard/keys'],
  ['docs', 'API reference', '/docs'],
] as const;

export type Tab = (typeof tabs)[number][0];

/** The hidden field every form carries: the session's CSRF token. */
export const csrfField = (session: DashboardSessionRow) =>
  html`<input type="hidden" name="_csrf" value="${session.csrf_token}">`;

/**
 * The hidden field of a form whose work must run once (see `sentOnce`): a fresh random value on
 * each page, so sending the same page's form again is recognised and refused.
 */
export const onceField = () =>
  html`<input type="hidden" name="_once" value="${randomBytes(18).toString('base64url')}">`;

function document(title: string, body: Html) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Malipo dashboard</title>
<style>${raw(css)}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** A signed-in page: the merchant, the mode and its switch, sign-out, the tabs, then `content`. */
export function dashboardPage(
  session: DashboardSessionRow,
  page: { title: string; tab: Tab; notice?: string | undefined; error?: string | undefined },
  content: Html,
) {
  const other = session.mode === 'test' ? 'live' : 'test';
  return document(
    page.title,
    html`<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a href="/dashboard/payments" class="brand">Malipo</a>
<span class="merchant">${session.merchant_name}</span>
<span class="mode mode-${session.mode}">${session.mode === 'test' ? 'Test mode' : 'Live mode'}</span>
<span class="spacer"></span>
<form method="post" action="/dashboard/mode">${csrfField(session)}<input type="hidden" name="mode" value="${other}"><button type="submit">View ${other} data</button></form>
<form method="post" action="/dashboard/logout">${csrfField(session)}<button type="submit">Sign out</button></form>
</header>
<nav class="tabs" aria-label="Dashboard"><ul>${tabs.map(
      ([name, label, href]) =>
        html`<li><a href="${href}"${name === page.tab ? html` aria-current="page"` : ''}>${label}</a></li>`,
    )}</ul></nav>
<main id="main">
<h1>${page.title}</h1>
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ''}
${page.error ? html`<p class="error" role="alert">${page.error}</p>` : ''}
${content}
</main>`,
  );
}

/** A page outside the signed-in area (sign-in, refusals). */
export function plainPage(title: string, content: Html) {
  return document(
    title,
    html`<main id="main" class="login"><div class="panel"><h1>${title}</h1>${content}</div></main>`,
  );
}

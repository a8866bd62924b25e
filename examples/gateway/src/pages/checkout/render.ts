import { html, raw } from 'hono/html';
import type { CheckoutPhase, CheckoutState } from '../../checkout/page-state.js';
import { formatAmount } from '../money.js';
import type { CheckoutAssets } from './assets.js';
import { fill, type Locale, type PageText, pageText } from './text.js';

/** What the page's script polls and renders: the customer's view of the session. */
export function publicState(state: CheckoutState) {
  const attempt = state.attempt;
  return {
    phase: state.phase,
    attempt: attempt
      ? {
          payment_id: attempt.payment_id,
          status: attempt.status,
          failure_code: attempt.failure_code,
          phone: attempt.phone && maskPhone(attempt.phone),
          receipt: attempt.receipt,
        }
      : null,
    attempts_left: state.attemptsLeft,
    expires_at: new Date(state.session.expires_at).toISOString(),
  };
}

/** `254708374149` → `254 7•• ••• 149`: enough for the customer to recognise their phone. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)} ${phone.slice(3, 4)}•• ••• ${phone.slice(-3)}`;
}

export interface PageInput {
  state: CheckoutState;
  merchantName: string;
  locale: Locale;
  assets: CheckoutAssets;
  /** The embedding page's origin, when it is one the session allows. */
  parentOrigin: string | undefined;
  /** The customer asked to try again (the no-script retry link). */
  retry: boolean;
  /** A message for the phone field (a no-script form post that was refused). */
  fieldError?: string | undefined;
  phoneValue?: string | undefined;
}

/** JSON for a `<script type="application/json">` block: `<` escaped, so it cannot close the tag. */
const scriptJson = (value: unknown) => raw(JSON.stringify(value).replace(/</g, '\\u003c'));

function head(
  title: string,
  assets: CheckoutAssets,
  options: { script: boolean; refresh: boolean },
) {
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(assets.style.css)}</style>
${options.script ? html`<script defer src="/checkout/assets/${assets.script.name}"></script>` : ''}
${options.refresh ? html`<noscript><meta http-equiv="refresh" content="5"></noscript>` : ''}
</head>`;
}

/**
 * The query that keeps an embedded page embedded on the links and form it leads to (another
 * language, a retry, the no-script form): without it the page would act as a top-level one.
 */
export const embedQuery = (parentOrigin: string | undefined) =>
  parentOrigin ? `&embed=1&parent_origin=${encodeURIComponent(parentOrigin)}` : '';

function footer(t: PageText, pageUrl: string, keep: string) {
  const link = (locale: Locale, label: string) =>
    html`<a href="${pageUrl}?lang=${locale}${keep}" lang="${locale}" hreflang="${locale}"${
      t.lang === locale ? raw(' aria-current="true"') : ''
    }>${label}</a>`;
  return html`<footer><p>${t.poweredBy}</p><nav aria-label="${t.language}">${link(
    'en',
    'English',
  )} · ${link('sw', 'Kiswahili')}</nav></footer>`;
}

/** The hosted payment page, rendered in the session's current phase; the script takes over. */
export function renderCheckoutPage(input: PageInput) {
  const { state, merchantName, assets } = input;
  const session = state.session;
  const t = pageText[input.locale];
  const amount = formatAmount(Number(session.amount_cents), session.currency);
  const pageUrl = `/checkout/${session.id}`;
  const keep = embedQuery(input.parentOrigin);
  const phase: CheckoutPhase = input.retry && state.phase === 'failed' ? 'ready' : state.phase;
  const attempt = state.attempt;
  const values = {
    merchant: merchantName,
    amount,
    phone: attempt?.phone ? maskPhone(attempt.phone) : '',
    receipt: attempt?.receipt ?? '',
    count: state.attemptsLeft,
  };
  const f = (template: string) => fill(template, values);
  const shown = (name: CheckoutPhase) => (phase === name ? '' : raw(' hidden'));
  const failureKey = attempt?.status === 'FAILED' ? (attempt.failure_code ?? '') : attempt?.status;
  const failure = t.failures[failureKey ?? ''] ?? t.failures.default;
  const payLabel = f(t.payButton);
  const data = {
    sessionId: session.id,
    statusUrl: `${pageUrl}/status`,
    attemptsUrl: `${pageUrl}/attempts`,
    parentOrigin: input.parentOrigin ?? null,
    amount,
    payLabel,
    urls: state.urls,
    text: {
      waitingBody: t.waitingBody,
      paidBody: t.paidBody,
      attemptsLeft: t.attemptsLeft,
      noAttemptsLeft: t.noAttemptsLeft,
      phoneInvalid: t.phoneInvalid,
      sending: t.sending,
      offline: t.offline,
      expiredTitle: t.expiredTitle,
      failures: t.failures,
    },
    state: publicState(state),
  };
  const phone = input.phoneValue ?? (session.customer_phone ? `+${session.customer_phone}` : '');
  const fieldError = input.fieldError ?? '';

  return html`<!doctype html>
<html lang="${t.lang}">
${head(`${f(t.title)} · ${amount}`, assets, { script: true, refresh: phase === 'waiting' })}
<body>
<main>
${
  session.mode === 'test'
    ? html`<div class="test" role="note"><p><strong>${t.testMode}</strong></p><p>${t.testPhones}</p></div>`
    : ''
}
<div class="card">
<h1>${f(t.pay)}</h1>
${session.description ? html`<p class="desc">${session.description}</p>` : ''}
<p class="amount"><small>${t.amount}</small>${amount}</p>
<section id="panel-ready"${shown('ready')}>
<form id="pay-form" method="post" action="${pageUrl}/attempts?lang=${t.lang}${keep}" novalidate>
<label for="phone">${t.phoneLabel}</label>
<input id="phone" name="phone_number" type="tel" inputmode="tel" autocomplete="tel" required value="${phone}" aria-describedby="phone-hint phone-error"${
    fieldError ? raw(' aria-invalid="true"') : ''
  }>
<p id="phone-hint" class="hint">${t.phoneHint}</p>
<p id="phone-error" class="error" role="alert">${fieldError}</p>
<button id="pay-button" type="submit">${payLabel}</button>
</form>
<a id="cancel" class="link" href="${state.urls.cancel}">${f(t.cancel)}</a>
</section>
<section id="panel-waiting"${shown('waiting')}>
<div class="spinner" aria-hidden="true"></div>
<h2 tabindex="-1">${t.waitingTitle}</h2>
<p id="waiting-body" role="status">${f(t.waitingBody)}</p>
</section>
<section id="panel-paid"${shown('paid')}>
<h2 tabindex="-1" class="done">${t.paidTitle}</h2>
<p id="paid-body" role="status">${f(t.paidBody)}</p>
<p class="hint">${f(t.paidCheck)}</p>
<a id="continue-paid" class="button" href="${state.urls.success}">${f(t.continue)}</a>
<button id="close-paid" type="button" hidden>${t.close}</button>
</section>
<section id="panel-failed"${shown('failed')}>
<h2 tabindex="-1">${t.failedTitle}</h2>
<p id="failed-reason" role="status">${failure}</p>
<p id="failed-left" class="hint">${state.attemptsLeft > 0 ? f(t.attemptsLeft) : t.noAttemptsLeft}</p>
<a id="retry" class="button" href="${pageUrl}?retry=1&amp;lang=${t.lang}${keep}"${
    state.attemptsLeft > 0 ? '' : raw(' hidden')
  }>${t.tryAgain}</a>
<a id="leave-failed" class="link" href="${
    attempt?.status === 'CANCELLED' ? state.urls.cancel : state.urls.failure
  }">${f(t.returnTo)}</a>
</section>
<section id="panel-review"${shown('review')}>
<h2 tabindex="-1">${t.reviewTitle}</h2>
<p role="status">${f(t.reviewBody)}</p>
</section>
<section id="panel-expired"${shown('expired')}>
<h2 tabindex="-1">${t.expiredTitle}</h2>
<p>${f(t.expiredBody)}</p>
<a id="leave-expired" class="button secondary" href="${state.urls.failure}">${f(t.returnTo)}</a>
</section>
</div>
${footer(t, pageUrl, keep)}
</main>
<script type="application/json" id="checkout-data">${scriptJson(data)}</script>
</body>
</html>`;
}

/** A page with one message: an unknown session, or one embedded where it may not be. */
export function renderMessagePage(
  assets: CheckoutAssets,
  locale: Locale,
  title: string,
  body: string,
) {
  const t = pageText[locale];
  return html`<!doctype html>
<html lang="${t.lang}">
${head(title, assets, { script: false, refresh: false })}
<body>
<main>
<div class="card">
<h1>${title}</h1>
<p>${body}</p>
</div>
</main>
</body>
</html>`;
}

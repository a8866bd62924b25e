import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { type CheckoutState, readCheckoutState } from '../../checkout/page-state.js';
import { createPhoneBudget } from '../../checkout/phone-budget.js';
import { startCheckoutAttempt } from '../../checkout/start-attempt.js';
import { isDomainError } from '../../errors/domain-error.js';
import type { HandlerDeps } from '../../handlers/deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorReply } from '../../http/error-body.js';
import { addressBucket, type ConsumeRate } from '../../http/rate-limit.js';
import { readLimitedText } from '../../http/read-body.js';
import { merchantName } from '../../stores/merchants-store.js';
import { encodedBody, loadCheckoutAssets } from './assets.js';
import { embedQuery, publicState, renderCheckoutPage, renderMessagePage } from './render.js';
import { checkoutPageHeaders } from './security-headers.js';
import { fill, localeOf, pageText } from './text.js';

const sessionIdPattern = /^cs_[0-9a-z]{20}$/;
/** A phone number form or JSON body is tiny; anything bigger is not from the page. */
const attemptBodyLimit = 1024;

/**
 * The hosted checkout page and the two calls its script makes (start an attempt, poll the
 * status). No API key: the session id in the URL (103 random bits) is the customer's only
 * credential, so unknown ids cost the caller's rate budget like any other miss.
 */
export function checkoutPageRoutes(deps: HandlerDeps, consume: ConsumeRate) {
  const app = new Hono<AppEnv>();
  const assets = loadCheckoutAssets();
  const attemptDeps = {
    ...deps,
    phoneBudget: createPhoneBudget(deps.config.checkoutPromptsPerPhone),
  };

  app.get('/checkout/assets/:file', (c) => {
    const asset = assets.byName.get(c.req.param('file'));
    if (!asset) return c.text('Not found', 404);
    const { body, encoding } = encodedBody(asset, c.req.header('accept-encoding'));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
  });

  /**
   * The session's state, or a 404 page that costs the caller a request of its budget (unless the
   * route has charged this request already).
   */
  const load = async (c: Context<AppEnv>, charged = false) => {
    const id = c.req.param('id') ?? '';
    const state = sessionIdPattern.test(id) ? await readCheckoutState(deps, id) : undefined;
    if (!state && !charged) await consume(c, addressBucket(c));
    return state;
  };

  app.get('/checkout/:id', compress(), async (c) => {
    const state = await load(c);
    const requested = localeOf(c.req.query('lang'), state?.session.locale ?? 'en');
    if (!state) {
      const t = pageText[requested];
      return c.html(renderMessagePage(assets, requested, t.notFoundTitle, t.notFoundBody), 404, {
        ...checkoutPageHeaders([], assets.style.hash),
      });
    }
    const headers = checkoutPageHeaders(state.session.allowed_origins, assets.style.hash);
    const embed = c.req.query('embed') === '1';
    const parentOrigin = c.req.query('parent_origin');
    const allowed =
      parentOrigin !== undefined && state.session.allowed_origins.includes(parentOrigin);
    const name = await merchantName(deps.db, state.session.merchant_id);
    if (embed && !allowed) {
      const t = pageText[requested];
      const title = fill(t.title, { merchant: name });
      return c.html(renderMessagePage(assets, requested, title, t.cannotEmbed), 403, headers);
    }
    return c.html(
      renderCheckoutPage({
        state,
        merchantName: name,
        locale: requested,
        assets,
        parentOrigin: embed && allowed ? parentOrigin : undefined,
        retry: c.req.query('retry') === '1',
      }),
      200,
      headers,
    );
  });

  app.get('/checkout/:id/status', async (c) => {
    const state = await load(c);
    if (!state) return notFound(c);
    return c.json(publicState(state), 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/checkout/:id/attempts', async (c) => {
    // Every attempt costs the caller's budget, an unknown session no more than once.
    await consume(c, addressBucket(c));
    const state = await load(c, true);
    if (!state) return notFound(c);
    const form = (c.req.header('content-type') ?? '').startsWith(
      'application/x-www-form-urlencoded',
    );
    let phone: unknown;
    const locale = localeOf(c.req.query('lang'), state.session.locale);
    // The no-script form of an embedded page: it stays embedded (an origin the session allows).
    const asked = c.req.query('embed') === '1' ? c.req.query('parent_origin') : undefined;
    const parentOrigin =
      asked !== undefined && state.session.allowed_origins.includes(asked) ? asked : undefined;
    try {
      // Inside: a form too large for a phone number gets the page with the refusal, too.
      const text = await readLimitedText(c, attemptBodyLimit);
      phone = form ? new URLSearchParams(text).get('phone_number') : phoneOfJson(text);
      await startCheckoutAttempt(attemptDeps, state.session.id, phone);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const now = (await readCheckoutState(deps, state.session.id)) as CheckoutState;
      const reply = errorReply(error);
      if (form) {
        // Without script: the page again, with the refusal next to the field.
        return c.html(
          renderCheckoutPage({
            state: now,
            merchantName: await merchantName(deps.db, now.session.merchant_id),
            locale,
            assets,
            parentOrigin,
            retry: true,
            fieldError: error.message,
            phoneValue: typeof phone === 'string' ? phone : '',
          }),
          reply.status as 400,
          {
            ...checkoutPageHeaders(now.session.allowed_origins, assets.style.hash),
            ...reply.headers,
          },
        );
      }
      return c.json({ ...reply.body, state: publicState(now) }, reply.status as 400, reply.headers);
    }
    // A push that failed at once is a settled attempt too: the state says which.
    const now = (await readCheckoutState(deps, state.session.id)) as CheckoutState;
    if (form) {
      return c.redirect(
        `/checkout/${now.session.id}?lang=${locale}${embedQuery(parentOrigin)}`,
        303,
      );
    }
    return c.json(publicState(now), 201, { 'Cache-Control': 'no-store' });
  });

  return app;
}

function phoneOfJson(text: string): unknown {
  try {
    const body = JSON.parse(text) as { phone_number?: unknown } | null;
    return body && typeof body === 'object' ? body.phone_number : undefined;
  } catch {
    return undefined;
  }
}

function notFound(c: { json: (body: unknown, status: 404) => Response }) {
  return c.json(
    {
      success: false,
      error: { code: 'NOT_FOUND', message: 'No such checkout session.', field: 'session_id' },
    },
    404,
  );
}

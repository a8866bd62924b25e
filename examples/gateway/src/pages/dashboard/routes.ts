import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HandlerDeps } from '../../handlers/deps.js';
import type { AppEnv } from '../../http/app-env.js';
import type { ConsumeRate } from '../../http/rate-limit.js';
import { addressBucket } from '../../http/rate-limit.js';
import { deliveryPages } from './deliveries-pages.js';
import { keyPages } from './keys-pages.js';
import { dashboardHeaders, plainPage } from './layout.js';
import { paymentPages } from './payments-pages.js';
import { requireSession } from './session.js';
import { signInPages } from './sign-in-pages.js';
import { webhookPages } from './webhooks-pages.js';

/**
 * The merchant dashboard under `/dashboard`: server-rendered pages, no script. Sign-in by a
 * one-time link the CLI prints; a `SameSite=Strict`, `HttpOnly` session cookie (`Secure` when
 * the gateway is served over https); every form post checked for the same origin and for the
 * session's CSRF token. Every page shows one merchant's data in one mode.
 */
export function dashboardRoutes(deps: HandlerDeps, consume: ConsumeRate) {
  const app = new Hono<AppEnv>();
  const secureCookie = deps.publicUrl.startsWith('https:');
  const origins = new Set([new URL(deps.publicUrl).origin]);
  // Cross-site form posts are refused before anything reads them: a browser names the page's
  // origin on every POST, and it must be this gateway's.
  app.use('/dashboard/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (
      c.req.method === 'POST' &&
      origin !== undefined &&
      origin !== new URL(c.req.url).origin &&
      !origins.has(origin)
    ) {
      return c.html(
        plainPage(
          'Form refused',
          html`<p>This form was sent from another site (${origin}). The dashboard accepts forms from its own pages only.</p>`,
        ),
        403,
        dashboardHeaders,
      );
    }
    await next();
  });
  // Sign-in guesses and form posts spend the caller's rate budget like API misses do.
  app.use('/dashboard/*', async (c, next) => {
    if (c.req.method === 'POST') await consume(c, addressBucket(c));
    await next();
  });
  const auth = requireSession(deps.db);
  app.route('/', signInPages(deps.db, { secureCookie }) as unknown as Hono<AppEnv>);
  app.route(
    '/',
    paymentPages(deps.db, auth, () => deps.breakers.health()) as unknown as Hono<AppEnv>,
  );
  app.route(
    '/',
    webhookPages(deps.db, auth, {
      allowPrivate: deps.config.allowPrivateWebhookUrls,
      maxEndpoints: deps.config.maxWebhookEndpoints,
    }) as unknown as Hono<AppEnv>,
  );
  app.route('/', deliveryPages(deps.db, deps.jobs, auth) as unknown as Hono<AppEnv>);
  app.route('/', keyPages(deps.db, auth) as unknown as Hono<AppEnv>);
  return app;
}

import { randomBytes } from 'node:crypto';
import { Malipo } from '@malipo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant } from '../src/merchants/operations.js';
import { createLoginLink } from '../src/sign-in/sign-in.js';
import { type DashboardHttp, signInOverHttp } from './support/dashboard-session.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { startReceiver } from './support/receiver.js';

/** Another form's one-time value, as a freshly loaded page has. */
const freshOnce = () => randomBytes(18).toString('base64url');

const payment = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254708374149' },
} as const;

describe.each(databaseKinds)('dashboard security on %s', (kind) => {
  let gw: TestGateway;
  let mine: DashboardHttp;
  let other: { merchantId: string; client: Malipo; paymentId: string; keyId: string };

  beforeAll(async () => {
    gw = await startTestGateway(kind);
    mine = await signInOverHttp(gw.url, gw.gateway.loginLink as string);
    const created = await createMerchant(gw.gateway.db, 'Another shop');
    const client = new Malipo({
      apiKey: created.apiKey,
      apiSecret: created.apiSecret,
      baseUrl: gw.url,
    });
    const paid = await client.payments.create(payment);
    const keys = await gw.gateway.db.query<{ id: string }>(
      'select id from api_keys where merchant_id = $1',
      [created.merchantId],
    );
    other = {
      merchantId: created.merchantId,
      client,
      paymentId: paid.payment_id,
      keyId: keys[0]?.id as string,
    };
  });
  afterAll(() => gw?.close());

  it('the first start printed a one-time sign-in link; it signs in once only', async () => {
    expect(gw.gateway.loginLink).toMatch(new RegExp(`^${gw.url}/dashboard/login/[\\w-]{43}$`));
    const again = await fetch(gw.gateway.loginLink as string, {
      method: 'POST',
      headers: { origin: gw.url },
      redirect: 'manual',
    });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This sign-in link cannot be used');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie scoped to the dashboard', async () => {
    const link = await createLoginLink(gw.gateway.db, gw.gateway.merchant.merchantId, gw.url);
    const answer = await fetch(link.url, {
      method: 'POST',
      headers: { origin: gw.url },
      redirect: 'manual',
    });
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/dashboard/i);
    // Served over http here: Secure would make the browser drop it; over https it is set.
    expect(cookie).not.toMatch(/Secure/i);
    // Opening the link (a GET, as link previews do) never spends it.
    const fresh = await createLoginLink(gw.gateway.db, gw.gateway.merchant.merchantId, gw.url);
    expect((await fetch(fresh.url)).status).toBe(200);
    expect((await fetch(fresh.url)).status).toBe(200);
  });

  it('pages without a session go to sign-in; form posts without one are refused', async () => {
    for (const path of [
      '/dashboard',
      '/dashboard/payments',
      '/dashboard/webhooks',
      '/dashboard/keys',
      '/dashboard/deliveries',
    ]) {
      const answer = await fetch(`${gw.url}${path}`, { redirect: 'manual' });
      expect([path, answer.status, answer.headers.get('location')]).toEqual([
        path,
        302,
        '/dashboard/login',
      ]);
    }
    const post = await fetch(`${gw.url}/dashboard/keys`, {
      method: 'POST',
      headers: { origin: gw.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=x',
      redirect: 'manual',
    });
    expect(post.status).toBe(401);
    const forged = await fetch(`${gw.url}/dashboard/keys`, {
      headers: { cookie: 'malipo_dashboard=not-a-session' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(302);
  });

  it('refuses a form post without the CSRF token, with a wrong one, or from another site', async () => {
    const before = (await gw.gateway.db.query('select id from api_keys')).length;
    expect((await mine.post('/dashboard/keys', {})).status).toBe(403);
    expect(
      (await mine.post('/dashboard/keys', { _csrf: `${mine.csrf.slice(0, -1)}x` })).status,
    ).toBe(403);
    const crossSite = await mine.post(
      '/dashboard/keys',
      { _csrf: mine.csrf },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await gw.gateway.db.query('select id from api_keys')).length).toBe(before);
    // The genuine form works.
    expect((await mine.post('/dashboard/keys', { _csrf: mine.csrf })).status).toBe(201);
  });

  it('a create form sent again (a reload, a double click) is refused and does nothing twice', async () => {
    const keys = async () => (await gw.gateway.db.query('select id from api_keys')).length;
    const page = await (await mine.get('/dashboard/keys')).text();
    const once = /name="_once" value="([\w-]{24})"/.exec(page)?.[1] as string;
    expect(once).toBeDefined();
    const before = await keys();
    expect((await mine.post('/dashboard/keys', { _csrf: mine.csrf, _once: once })).status).toBe(
      201,
    );
    const resent = await mine.post('/dashboard/keys', { _csrf: mine.csrf, _once: once });
    expect(resent.status).toBe(409);
    expect(await resent.text()).toContain('This form was already sent, so nothing was done again');
    expect(await keys()).toBe(before + 1);
    // A form without its one-time field did not come from a dashboard page.
    const bare = await mine.post('/dashboard/keys', { _csrf: mine.csrf, _once: '' });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('missing its one-time field');
    expect(await keys()).toBe(before + 1);

    // A refused form did nothing: sent again, it gets the same answer, not "already sent".
    const endpoint = { _csrf: mine.csrf, _once: freshOnce(), all_events: 'on' };
    for (let i = 0; i < 2; i++) {
      const refused = await mine.post('/dashboard/webhooks', {
        ...endpoint,
        url: 'ftp://x.example',
      });
      expect(refused.status).toBe(400);
    }
    const added = await mine.post('/dashboard/webhooks', {
      ...endpoint,
      url: 'https://example.com/hook-once',
    });
    expect(added.status).toBe(201);
    const again = await mine.post('/dashboard/webhooks', {
      ...endpoint,
      url: 'https://example.com/hook-once',
    });
    expect(again.status).toBe(409);
    const endpoints = await gw.gateway.db.query<{ id: string }>(
      `select id from webhook_endpoints where url = 'https://example.com/hook-once'`,
    );
    expect(endpoints).toHaveLength(1);

    // Rotating a secret from the same page twice rotates it once.
    const id = endpoints[0]?.id as string;
    const rotate = { _csrf: mine.csrf, _once: freshOnce() };
    expect((await mine.post(`/dashboard/webhooks/${id}/rotate`, rotate)).status).toBe(200);
    const secret = await gw.gateway.db.query(
      'select secret, previous_secret from webhook_endpoints where id = $1',
      [id],
    );
    expect((await mine.post(`/dashboard/webhooks/${id}/rotate`, rotate)).status).toBe(409);
    expect(
      await gw.gateway.db.query(
        'select secret, previous_secret from webhook_endpoints where id = $1',
        [id],
      ),
    ).toEqual(secret);
    expect((await mine.post(`/dashboard/webhooks/${id}/delete`, { _csrf: mine.csrf })).status).toBe(
      200,
    );
  });

  it('a delivery resent from the same page is sent again once', async () => {
    const receiver = await startReceiver(gw.webhookSecret);
    try {
      const paid = await gw.client.payments.create({ ...payment, callback_url: receiver.url });
      await gw.client.payments.waitFor(paid.payment_id, { timeout: 20_000 });
      const delivered = () =>
        eventually(
          async () =>
            gw.gateway.db.query<{ id: string; attempts: number }>(
              `select d.id, (select count(*)::int from webhook_attempts a where a.delivery_id = d.id) as attempts
               from webhook_deliveries d join events e on e.id = d.event_id
               where e.payment_id = $1 and e.type = 'payment.completed' and d.status = 'DELIVERED'`,
              [paid.payment_id],
            ),
          (rows) => rows.length === 1,
        );
      const [delivery] = await delivered();
      const id = delivery?.id as string;
      const form = { _csrf: mine.csrf, _once: 'resend-delivery-once-001' };
      expect((await mine.post(`/dashboard/deliveries/${id}/retry`, form)).status).toBe(303);
      await eventually(delivered, (rows) => rows[0]?.attempts === (delivery?.attempts ?? 0) + 1);
      const resent = await mine.post(`/dashboard/deliveries/${id}/retry`, form);
      expect(resent.status).toBe(409);
      expect(await resent.text()).toContain('already sent');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await delivered())[0]?.attempts).toBe((delivery?.attempts ?? 0) + 1);
    } finally {
      await receiver.close();
    }
  });

  it("one merchant's session never shows another's data", async () => {
    const list = await (await mine.get('/dashboard/payments')).text();
    expect(list).not.toContain(other.paymentId);
    expect((await mine.get(`/dashboard/payments/${other.paymentId}`)).status).toBe(404);
    expect((await mine.get(`/dashboard/payments?q=${other.paymentId}`)).status).toBe(200);
    expect(await (await mine.get(`/dashboard/payments?q=${other.paymentId}`)).text()).not.toContain(
      `/dashboard/payments/${other.paymentId}`,
    );
    // Revoking another merchant's key is refused, and the key keeps working.
    expect(
      (await mine.post(`/dashboard/keys/${other.keyId}/revoke`, { _csrf: mine.csrf })).status,
    ).toBe(404);
    expect((await other.client.payments.retrieve(other.paymentId)).payment_id).toBe(
      other.paymentId,
    );
    // Nor can its deliveries be retried.
    const deliveries = await gw.gateway.db.query<{ id: string }>(
      'select id from webhook_deliveries where merchant_id = $1',
      [other.merchantId],
    );
    for (const { id } of deliveries) {
      expect(
        (await mine.post(`/dashboard/deliveries/${id}/retry`, { _csrf: mine.csrf })).status,
      ).toBe(404);
    }
  });

  it("the live view never shows the test mode's data", async () => {
    const mineTest = await gw.client.payments.create(payment);
    expect(await (await mine.get('/dashboard/payments')).text()).toContain(mineTest.payment_id);
    expect((await mine.post('/dashboard/mode', { _csrf: mine.csrf, mode: 'live' })).status).toBe(
      303,
    );
    const live = await (await mine.get('/dashboard/payments')).text();
    expect(live).toContain('Live mode');
    expect(live).not.toContain(mineTest.payment_id);
    expect((await mine.get(`/dashboard/payments/${mineTest.payment_id}`)).status).toBe(404);
    expect((await mine.post('/dashboard/mode', { _csrf: mine.csrf, mode: 'test' })).status).toBe(
      303,
    );
  });

  it('signing out ends the session for good', async () => {
    const link = await createLoginLink(gw.gateway.db, gw.gateway.merchant.merchantId, gw.url);
    const session = await signInOverHttp(gw.url, link.url);
    expect((await session.post('/dashboard/logout', { _csrf: session.csrf })).status).toBe(303);
    expect((await session.get('/dashboard/payments')).status).toBe(302);
  });

  it('returns only to dashboard pages, and refuses text the database cannot store', async () => {
    for (const returnTo of [
      '/dashboard/../..//evil.example',
      '/dashboard/%2e%2e/%2e%2e//evil.example',
      '//evil.example/dashboard/',
    ]) {
      const answer = await mine.post('/dashboard/deliveries/wh_00000000000000000000/retry', {
        _csrf: mine.csrf,
        return_to: returnTo,
      });
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain('<a href="/dashboard/deliveries">Back</a>');
    }
    const nul = await mine.post('/dashboard/webhooks', {
      _csrf: mine.csrf,
      url: 'https://example.com/hook',
      description: 'a\u0000b',
      all_events: 'on',
    });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain('description');
    // The API's limit, 255 characters, is the form's: longer is refused, never cut (cutting 255
    // UTF-16 units split a character that ends at the limit).
    const emoji = `${'a'.repeat(254)}\u{1F600}`;
    const kept = await mine.post('/dashboard/webhooks', {
      _csrf: mine.csrf,
      url: 'https://example.com/hook-emoji',
      description: emoji,
      all_events: 'on',
    });
    expect(kept.status).toBe(201);
    const stored = await gw.gateway.db.query<{ description: string }>(
      `select description from webhook_endpoints where url = 'https://example.com/hook-emoji'`,
    );
    expect(stored).toEqual([{ description: emoji }]);
    const before = await gw.gateway.db.query('select id from webhook_endpoints');
    const long = await mine.post('/dashboard/webhooks', {
      _csrf: mine.csrf,
      url: 'https://example.com/hook-long',
      description: 'a'.repeat(256),
      all_events: 'on',
    });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('description');
    expect(await gw.gateway.db.query('select id from webhook_endpoints')).toEqual(before);
  });

  it('dashboard pages send a policy that allows no script and no framing', async () => {
    const answer = await mine.get('/dashboard/payments');
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

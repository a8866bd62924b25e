import type { CreateCheckoutSessionRequest } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueSessions } from '../src/checkout/settle-session.js';
import { createApiKey } from '../src/merchants/api-keys.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, suiteGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const phones = {
  pays: '0708374149',
  cancels: '0733333333',
  timesOut: '0711111111',
  /** The simulator holds this push for 5 minutes: an attempt that stays in flight. */
  holds: '0722222222',
};

const session: CreateCheckoutSessionRequest = {
  amount_cents: 10_000,
  currency: 'KES',
  description: 'Order 1042',
  success_url: 'https://shop.example/orders/1042/paid?ref=a',
  cancel_url: 'https://shop.example/orders/1042',
  failure_url: 'https://shop.example/orders/1042/failed',
  allowed_origins: ['https://shop.example'],
  metadata: { order_reference: 'ORDER-1042' },
};

/** What the hosted page's script sends to start an attempt. */
const attempt = (pageUrl: string, phone: string) =>
  fetch(`${pageUrl}/attempts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone_number: phone }),
  });

describe.each(databaseKinds)('checkout sessions on %s', (kind) => {
  let gw: TestGateway;
  let receiver: Receiver;
  let seq = 0;
  const key = () => `cs-test-${kind}-${++seq}-${Date.now()}`;

  beforeAll(async () => {
    // The background sweep runs once at start, then not again during these tests: the tests run
    // the expiry sweeps themselves and count what they expire.
    gw = await startTestGateway(kind, { RECONCILE_INTERVAL_SECONDS: '3600' });
    receiver = await startReceiver(gw.webhookSecret);
    const endpoint = await gw.client.webhookEndpoints.create({ url: receiver.url });
    receiver.secret = endpoint.secret;
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const create = (body: object = session) =>
    gw.client.checkout.sessions.create(body as typeof session, { idempotencyKey: key() });
  const status = async (url: string) =>
    (await (await fetch(`${url}/status`)).json()) as {
      phase: string;
      attempt: { payment_id: string; status: string; failure_code: string | null } | null;
      attempts_left: number;
    };
  const settledPhase = (url: string) =>
    eventually(
      () => status(url),
      (s) => s.phase !== 'waiting',
    );
  const eventsOf = (sessionId: string) =>
    receiver.events.filter((e) => (e as { session_id?: string }).session_id === sessionId);

  /** Moves a session's expiry into the past. */
  const pastExpiry = (sessionId: string) =>
    gw.gateway.db.query(
      "update checkout_sessions set expires_at = now() - interval '1 second' where id = $1",
      [sessionId],
    );

  /** The page says a payment is being checked, and a new attempt is refused with why. */
  const expectHeldForReview = async (url: string) => {
    expect((await status(url)).phase).toBe('review');
    const refused = await attempt(url, phones.pays);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /do not pay again/,
    );
  };

  it('creates a session with its hosted page URL, replays it for the same key, and retrieves it', async () => {
    const idempotencyKey = key();
    const created = await gw.client.checkout.sessions.create(session, { idempotencyKey });
    expect(created).toMatchObject({
      status: 'OPEN',
      amount_cents: 10_000,
      currency: 'KES',
      payment_id: null,
      failure_url: session.failure_url,
      allowed_origins: ['https://shop.example'],
      locale: 'en',
      livemode: false,
      metadata: { order_reference: 'ORDER-1042' },
    });
    expect(created.url).toBe(`${gw.url}/checkout/${created.session_id}`);
    const lifetime = Date.parse(created.expires_at) - Date.parse(created.created_at);
    expect(Math.abs(lifetime - 1_800_000)).toBeLessThan(5_000);
    const again = await gw.client.checkout.sessions.create(session, { idempotencyKey });
    expect(again.session_id).toBe(created.session_id);
    expect(again.$response.headers.get('idempotent-replayed')).toBe('true');
    const read = await gw.client.checkout.sessions.retrieve(created.session_id);
    expect(read.session_id).toBe(created.session_id);
    // failure_url defaults to cancel_url.
    const plain = await create({ ...session, failure_url: undefined });
    expect(plain.failure_url).toBe(session.cancel_url);
  });

  it('refuses what the hosted page could never collect, naming the field', async () => {
    const refusals: [object, string, number][] = [
      [
        { ...session, expires_in_seconds: 600, expires_at: new Date().toISOString() },
        'expires_at',
        400,
      ],
      [
        { ...session, expires_at: new Date(Date.now() + 2 * 86_400_000).toISOString() },
        'expires_at',
        400,
      ],
      [{ ...session, expires_in_seconds: 30 }, 'expires_in_seconds', 400],
      [{ ...session, allowed_origins: ['https://shop.example/pay'] }, 'allowed_origins.0', 400],
      [{ ...session, amount_cents: 10_050 }, 'amount_cents', 400],
      [{ ...session, currency: 'USD' }, 'currency', 400],
      [{ ...session, customer: { phone_number: '12345' } }, 'customer.phone_number', 400],
      [{ ...session, success_url: 'javascript:alert(1)' }, 'success_url', 400],
    ];
    // Raw HTTP: the client would refuse most of these before sending.
    for (const [body, field, statusCode] of refusals) {
      const answer = await fetch(`${gw.url}/api/v1/checkout/sessions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': gw.apiKey,
          'x-api-secret': gw.apiSecret,
        },
        body: JSON.stringify(body),
      });
      const error = ((await answer.json()) as { error: { field: string } }).error;
      expect([answer.status, error.field], JSON.stringify(body)).toEqual([statusCode, field]);
    }
  });

  it('a customer pays on the page: the session completes once, with both events, and refuses more', async () => {
    const created = await create();
    expect((await status(created.url)).phase).toBe('ready');
    const started = await attempt(created.url, phones.pays);
    expect(started.status).toBe(201);
    expect(((await started.json()) as { phase: string }).phase).toBe('waiting');
    const done = await settledPhase(created.url);
    expect(done.phase).toBe('paid');
    const read = await gw.client.checkout.sessions.retrieve(created.session_id);
    expect(read.status).toBe('COMPLETED');
    expect(read.payment_id).toBe(done.attempt?.payment_id);
    const payment = await gw.client.payments.retrieve(read.payment_id as string);
    expect(payment).toMatchObject({ status: 'COMPLETED', amount_cents: 10_000 });
    expect(payment.metadata).toMatchObject({
      order_reference: 'ORDER-1042',
      checkout_session_id: created.session_id,
    });
    await eventually(
      async () => eventsOf(created.session_id).map((e) => e.event),
      (events) => events.includes('checkout.session.completed'),
    );
    expect(eventsOf(created.session_id)).toEqual([
      expect.objectContaining({
        event: 'checkout.session.completed',
        payment_id: read.payment_id,
        status: 'COMPLETED',
        amount_cents: 10_000,
        livemode: false,
      }),
    ]);
    const more = await attempt(created.url, phones.pays);
    expect(more.status).toBe(409);
    expect(((await more.json()) as { error: { message: string } }).error.message).toMatch(
      /already paid/,
    );
  });

  it('after a cancelled prompt the customer retries; the session owns exactly one completed payment', async () => {
    const created = await create();
    expect((await attempt(created.url, phones.cancels)).status).toBe(201);
    const cancelled = await settledPhase(created.url);
    expect(cancelled).toMatchObject({ phase: 'failed', attempts_left: 4 });
    expect(cancelled.attempt?.status).toBe('CANCELLED');
    expect((await attempt(created.url, phones.pays)).status).toBe(201);
    expect((await settledPhase(created.url)).phase).toBe('paid');
    const rows = await gw.gateway.db.query<{ status: string }>(
      'select status from payments where checkout_session_id = $1 order by created_at',
      [created.session_id],
    );
    expect(rows.map((r) => r.status)).toEqual(['CANCELLED', 'COMPLETED']);
  });

  it('a double tap prompts the phone once', async () => {
    const created = await create();
    const answers = await Promise.all([
      attempt(created.url, phones.holds),
      attempt(created.url, phones.holds),
      attempt(created.url, phones.holds),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const rows = await gw.gateway.db.query(
      'select id from payments where checkout_session_id = $1',
      [created.session_id],
    );
    expect(rows).toHaveLength(1);
  });

  it('a timed-out prompt is a failed attempt the customer may retry', async () => {
    const created = await create();
    await attempt(created.url, phones.timesOut);
    const timedOut = await settledPhase(created.url);
    expect(timedOut.phase).toBe('failed');
    expect(timedOut.attempt?.status).toBe('EXPIRED');
  });

  it('rejects a malformed phone with a field error and starts nothing', async () => {
    const created = await create();
    const answer = await attempt(created.url, '12');
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { field: string } }).error.field).toBe(
      'phone_number',
    );
    const notJson = await fetch(`${created.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"phone_number":',
    });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${created.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number: 'x'.repeat(5000) }),
    });
    expect(huge.status).toBe(413);
    // Without script too: the page again with the refusal, not a bare JSON error.
    const hugeForm = await fetch(`${created.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `phone_number=${'7'.repeat(5000)}`,
    });
    expect(hugeForm.status).toBe(413);
    expect(hugeForm.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await hugeForm.text()).toContain('aria-invalid="true"');
    expect((await status(created.url)).phase).toBe('ready');
  });

  it('a session past its expiry expires once, with its event, and cannot start a payment', async () => {
    const created = await create();
    await pastExpiry(created.session_id);
    expect(await expireDueSessions(gw.gateway.db)).toBeGreaterThanOrEqual(1);
    expect((await status(created.url)).phase).toBe('expired');
    expect((await gw.client.checkout.sessions.retrieve(created.session_id)).status).toBe('EXPIRED');
    const refused = await attempt(created.url, phones.pays);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /expired/,
    );
    await eventually(
      async () => eventsOf(created.session_id).map((e) => e.event),
      (events) => events.includes('checkout.session.expired'),
    );
    expect(eventsOf(created.session_id)).toHaveLength(1);
    const page = await fetch(created.url);
    expect(await page.text()).toContain('This checkout has expired');
  });

  it('an attempt in flight holds the session open past its expiry', async () => {
    const created = await create();
    expect((await attempt(created.url, phones.holds)).status).toBe(201);
    await pastExpiry(created.session_id);
    await expireDueSessions(gw.gateway.db);
    expect((await gw.client.checkout.sessions.retrieve(created.session_id)).status).toBe('OPEN');
    expect((await status(created.url)).phase).toBe('waiting');
  });

  it('a push M-Pesa never confirmed holds the session: no retry, no expiry, while its prompt may be answered', async () => {
    const created = await create();
    gw.gateway.mpesa.simulator?.failNext({
      endpoint: 'stkpush',
      status: 503,
      body: '<html><body>Service Unavailable</body></html>',
    });
    const first = await attempt(created.url, phones.pays);
    expect(first.status).toBe(201);
    expect(((await first.json()) as { phase: string }).phase).toBe('waiting');
    const again = await attempt(created.url, phones.pays);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(
      /did not confirm/,
    );
    await pastExpiry(created.session_id);
    await expireDueSessions(gw.gateway.db);
    expect((await gw.client.checkout.sessions.retrieve(created.session_id)).status).toBe('OPEN');
    // Once the prompt is certainly gone, the customer may try again (before the expiry).
    await gw.gateway.db.query(
      `update payments set updated_at = now() - interval '4 minutes' where checkout_session_id = $1;`,
      [created.session_id],
    );
    await gw.gateway.db.query(
      "update checkout_sessions set expires_at = now() + interval '10 minutes' where id = $1",
      [created.session_id],
    );
    expect((await status(created.url)).phase).toBe('failed');
    expect((await attempt(created.url, phones.pays)).status).toBe(201);
    expect((await settledPhase(created.url)).phase).toBe('paid');
  });

  it('an attempt flagged for review stops the session: the customer is told not to pay again', async () => {
    const created = await create();
    await attempt(created.url, phones.cancels);
    await settledPhase(created.url);
    await gw.gateway.db.query(
      "update payments set flagged_reason = 'paid after CANCELLED: M-Pesa receipt X' where checkout_session_id = $1",
      [created.session_id],
    );
    await expectHeldForReview(created.url);
    expect(await (await fetch(created.url)).text()).toContain('This payment is being checked');
    await pastExpiry(created.session_id);
    await expireDueSessions(gw.gateway.db);
    expect((await gw.client.checkout.sessions.retrieve(created.session_id)).status).toBe('OPEN');
  });

  it('an older attempt paid late holds the session in review, whatever later attempts did', async () => {
    const created = await create();
    for (let i = 0; i < 2; i++) {
      expect((await attempt(created.url, phones.cancels)).status).toBe(201);
      expect((await settledPhase(created.url)).phase).toBe('failed');
    }
    // M-Pesa's late success for the first attempt, as the callback flags it.
    await gw.gateway.db.query(
      `update payments set flagged_reason = 'paid after CANCELLED: M-Pesa receipt X'
       where id = (select id from payments where checkout_session_id = $1 order by created_at limit 1)`,
      [created.session_id],
    );
    await expectHeldForReview(created.url);
    // Past its expiry the customer is still told it is being checked, never that nothing was charged.
    await pastExpiry(created.session_id);
    expect((await status(created.url)).phase).toBe('review');
    const page = await (await fetch(created.url)).text();
    expect(page).toContain('<section id="panel-review">');
    expect(page).toContain('<section id="panel-expired" hidden>');
  });

  it('a live session sends customers to https addresses only', async () => {
    const live = await createApiKey(gw.gateway.db, 'live');
    const answer = await fetch(`${gw.url}/api/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': live.apiKey,
        'x-api-secret': live.apiSecret,
      },
      body: JSON.stringify({ ...session, success_url: 'http://shop.example/paid' }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { field: string } }).error.field).toBe('success_url');
  });

  it('sessions are scoped to a merchant and mode', async () => {
    const created = await create();
    const live = await createApiKey(gw.gateway.db, 'live');
    const answer = await fetch(`${gw.url}/api/v1/checkout/sessions/${created.session_id}`, {
      headers: { 'x-api-key': live.apiKey, 'x-api-secret': live.apiSecret },
    });
    expect(answer.status).toBe(404);
  });

  it('serves the page with a strict policy that names only the allowed framing origins', async () => {
    const created = await create();
    const page = await fetch(created.url);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-ancestors https://shop.example');
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('KES 100');
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
    const unframed = await fetch((await create({ ...session, allowed_origins: [] })).url);
    expect(unframed.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const wrongParent = await fetch(
      `${created.url}?embed=1&parent_origin=${encodeURIComponent('https://evil.example')}`,
    );
    expect(wrongParent.status).toBe(403);
    const unknown = await fetch(`${gw.url}/checkout/cs_00000000000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Checkout not found');
    const swahili = await (await fetch(`${created.url}?lang=sw`)).text();
    expect(swahili).toContain('lang="sw"');
    expect(swahili).toContain('Lipa');
  });

  it('an embedded page stays embedded on its language links, retry link and no-script form', async () => {
    const created = await create();
    const embedded = `${created.url}?embed=1&parent_origin=${encodeURIComponent('https://shop.example')}`;
    const hrefs = (html: string) =>
      [...html.matchAll(/(?:href|action)="([^"]*)"/g)]
        .map((m) => (m[1] as string).replace(/&amp;/g, '&'))
        .filter((href) => href.startsWith(`/checkout/${created.session_id}`));
    const own = hrefs(await (await fetch(embedded)).text());
    expect(own.length).toBeGreaterThanOrEqual(4);
    for (const href of own)
      expect(href).toContain('embed=1&parent_origin=https%3A%2F%2Fshop.example');
    const swahili = await (
      await fetch(`${gw.url}${own.find((href) => href.includes('lang=sw'))}`)
    ).text();
    expect(swahili).toContain('"parentOrigin":"https://shop.example"');
    const posted = await fetch(`${gw.url}${own.find((href) => href.includes('/attempts'))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'phone_number=0708+374+149',
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(
      `/checkout/${created.session_id}?lang=en&embed=1&parent_origin=https%3A%2F%2Fshop.example`,
    );
  });

  it('works without script: the form posts, and the page shows where the payment is', async () => {
    const created = await create();
    const posted = await fetch(`${created.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'phone_number=0708+374+149',
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/checkout/${created.session_id}?lang=en`);
    await settledPhase(created.url);
    const paid = await (await fetch(created.url)).text();
    expect(paid).toMatch(/<section id="panel-paid">/);
    expect(paid).toContain(
      `https://shop.example/orders/1042/paid?ref=a&amp;session_id=${created.session_id}`,
    );
    const bad = await fetch(`${(await create()).url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'phone_number=12',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');
  });
});

describe('prompts per phone across hosted checkouts', () => {
  const gateway = suiteGateway('pglite', { CHECKOUT_PROMPTS_PER_PHONE: '2' });

  it('a phone gets at most CHECKOUT_PROMPTS_PER_PHONE prompts in ten minutes, whatever the sessions', async () => {
    const gw = gateway();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await gw.client.checkout.sessions.create(session);
      const answer = await attempt(created.url, '0733 333 333');
      statuses.push(answer.status);
      if (answer.status === 429) {
        const body = (await answer.json()) as { error: { field: string; message: string } };
        expect(body.error.field).toBe('phone_number');
        expect(body.error.message).toMatch(/Too many payment requests to this phone/);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([201, 201, 429]);
    // The no-script form says when, too.
    const created = await gw.client.checkout.sessions.create(session);
    const form = await fetch(`${created.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'phone_number=0733333333',
    });
    expect(form.status).toBe(429);
    expect(Number(form.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('taps a session refuses cost the phone nothing (PostgreSQL: taps run at once)', () => {
  const gateway = suiteGateway('postgres', { CHECKOUT_PROMPTS_PER_PHONE: '2' });

  it('eight taps at once prompt once and spend one prompt: the retry after a cancel is let through', async () => {
    const gw = gateway();
    const created = await gw.client.checkout.sessions.create(session);
    const tap = () => attempt(created.url, '0733333333');
    const taps = await Promise.all(Array.from({ length: 8 }, tap));
    const statuses = taps.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // The others are turned away: by the session (409), or while the taps' prompts are still
    // counted (429). Each refused tap gives its prompt back.
    expect(statuses.filter((status) => status !== 201 && status !== 409 && status !== 429)).toEqual(
      [],
    );
    await eventually(
      async () => (await (await fetch(`${created.url}/status`)).json()) as { phase: string },
      (state) => state.phase === 'failed',
    );
    expect((await tap()).status).toBe(201);
    const rows = await gw.gateway.db.query(
      'select id from payments where checkout_session_id = $1',
      [created.session_id],
    );
    expect(rows).toHaveLength(2);
  });
});

describe('a hosted page miss costs the caller once', () => {
  const gateway = suiteGateway('pglite', { RATE_LIMIT_PER_MINUTE: '6' });

  it('six attempts on an unknown session within a limit of six are six 404s', async () => {
    const gw = gateway();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await attempt(`${gw.url}/checkout/cs_${'0'.repeat(20)}`, '0733333333');
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardHttp, signInOverHttp } from './support/dashboard-session.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const payment = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254708374149' },
} as const;

/** What the dashboard's endpoint settings do to real deliveries. */
describe.each(databaseKinds)('endpoint settings from the dashboard on %s', (kind) => {
  let gw: TestGateway;
  let dashboard: DashboardHttp;
  let receiver: Receiver;
  let endpointId: string;

  beforeAll(async () => {
    gw = await startTestGateway(kind);
    dashboard = await signInOverHttp(gw.url, gw.gateway.loginLink as string);
    receiver = await startReceiver(gw.webhookSecret);
    const created = await gw.client.webhookEndpoints.create({
      url: receiver.url,
      events: ['payment.completed'],
    });
    endpointId = created.endpoint_id;
    receiver.secret = created.secret;
  });
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
  });

  const completedFor = (paymentId: string) =>
    eventually(
      async () =>
        receiver.events.filter((e) => (e as { payment_id?: string }).payment_id === paymentId),
      (events) => events.length > 0,
    );

  it('a rotated secret signs beside the old one: receivers on either verify', async () => {
    const page = await dashboard.post(`/dashboard/webhooks/${endpointId}/rotate`, {
      _csrf: dashboard.csrf,
    });
    expect(page.status).toBe(200);
    const newSecret = /<code id="secret">(whsec_[^<]+)<\/code>/.exec(await page.text())?.[1];
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(receiver.secret);
    // Still on the old secret: verified.
    const first = await gw.client.payments.create(payment);
    await completedFor(first.payment_id);
    // Switched to the new one: verified too.
    receiver.secret = newSecret as string;
    const second = await gw.client.payments.create(payment);
    await completedFor(second.payment_id);
  });

  it('rotating again during the overlap (a resent form) keeps the secret receivers verify with', async () => {
    const rotate = async () =>
      /<code id="secret">(whsec_[^<]+)<\/code>/.exec(
        await (
          await dashboard.post(`/dashboard/webhooks/${endpointId}/rotate`, {
            _csrf: dashboard.csrf,
          })
        ).text(),
      )?.[1] as string;
    const inUse = receiver.secret;
    const shown = await rotate();
    const resent = await rotate();
    expect(resent).not.toBe(shown);
    // The receiver never switched: still verified.
    const first = await gw.client.payments.create(payment);
    await completedFor(first.payment_id);
    receiver.secret = resent;
    const second = await gw.client.payments.create(payment);
    await completedFor(second.payment_id);
    expect(inUse).not.toBe(resent);
  });

  it('a paused endpoint is sent nothing new; resumed, it is again', async () => {
    const paused = await dashboard.post(`/dashboard/webhooks/${endpointId}`, {
      _csrf: dashboard.csrf,
      events: 'payment.completed',
      paused: 'on',
    });
    expect(paused.status).toBe(200);
    const whilePaused = await gw.client.payments.create(payment);
    await gw.client.payments.waitFor(whilePaused.payment_id, { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const deliveries = await gw.gateway.db.query(
      `select d.id from webhook_deliveries d join events e on e.id = d.event_id
       where e.payment_id = $1 and d.endpoint_id = $2`,
      [whilePaused.payment_id, endpointId],
    );
    expect(deliveries).toEqual([]);
    await dashboard.post(`/dashboard/webhooks/${endpointId}`, {
      _csrf: dashboard.csrf,
      events: 'payment.completed',
    });
    const resumed = await gw.client.payments.create(payment);
    await completedFor(resumed.payment_id);
  });

  it('refuses an endpoint the API would refuse, naming why', async () => {
    const answer = await dashboard.post('/dashboard/webhooks', {
      _csrf: dashboard.csrf,
      url: 'ftp://example.com/hook',
      all_events: 'on',
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('url: must be an absolute http(s) URL.');
    const none = await dashboard.post(`/dashboard/webhooks/${endpointId}`, {
      _csrf: dashboard.csrf,
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one event type');
  });

  it('deleting an endpoint stops its deliveries', async () => {
    expect(
      (await dashboard.post(`/dashboard/webhooks/${endpointId}/delete`, { _csrf: dashboard.csrf }))
        .status,
    ).toBe(200);
    expect((await dashboard.get(`/dashboard/webhooks/${endpointId}`)).status).toBe(404);
    const list = await gw.client.webhookEndpoints.list();
    expect(list.data.map((e) => e.endpoint_id)).not.toContain(endpointId);
  });
});

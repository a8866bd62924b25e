import { Malipo, MalipoAuthenticationError } from '@malipo/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousViolations } from './support/browser.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

/**
 * A merchant in the dashboard, in Chromium: signs in with the link the first start printed,
 * finds a payment, sees its failed delivery, retries it and sees it delivered; adds an endpoint
 * and sees its secret once; creates and revokes a key; opens the API reference.
 */
describe('the dashboard in Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;

  beforeAll(async () => {
    // One attempt per delivery: a receiver that is down fails it at once.
    [gw, browser] = await Promise.all([
      startTestGateway('pglite', { WEBHOOK_RETRY_INTERVALS: '0' }),
      launchChromium(),
    ]);
    receiver = await startReceiver(gw.webhookSecret);
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await gw?.close();
  });

  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);

  it('signs in with the one-time link', async () => {
    await page.goto(`${gw.url}/dashboard/payments`);
    expect(page.url()).toBe(`${gw.url}/dashboard/login`);
    await expectAccessible();
    await page.goto(gw.gateway.loginLink as string);
    await expectAccessible();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${gw.url}/dashboard/payments`);
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    await expectAccessible();
  });

  it('finds a payment, sees its failed delivery, retries it and sees it delivered', async () => {
    receiver.failWith = 503;
    const created = await gw.client.payments.create({
      amount_cents: 25_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
      callback_url: receiver.url,
    });
    await eventually(
      () =>
        gw.gateway.db.query<{ status: string }>(
          `select d.status from webhook_deliveries d join events e on e.id = d.event_id
           where e.payment_id = $1 and e.type = 'payment.completed'`,
          [created.payment_id],
        ),
      (rows) => rows[0]?.status === 'FAILED',
    );
    await page.goto(`${gw.url}/dashboard/payments`);
    await page.getByLabel('Search').fill(created.payment_id);
    await page.getByLabel('Status').selectOption('COMPLETED');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: created.payment_id }).click();
    await page.getByRole('heading', { name: `Payment ${created.payment_id}` }).waitFor();
    expect(await page.getByText('KES 250').first().isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await expectAccessible();
    const failedRow = page.getByRole('row').filter({ hasText: 'payment.completed' });
    expect(await failedRow.getByText('FAILED').isVisible()).toBe(true);
    await failedRow.getByText('1 attempt').click();
    expect(await failedRow.getByText(/503/).first().isVisible()).toBe(true);
    receiver.failWith = undefined;
    await failedRow.getByRole('button', { name: /^Retry/ }).click();
    await page.getByText(/queued again/).waitFor();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .getByRole('row')
            .filter({ hasText: 'payment.completed' })
            .getByText('DELIVERED')
            .isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(receiver.events.some((e) => e.event === 'payment.completed')).toBe(true);
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor();
    await expectAccessible();
  });

  it('adds an endpoint and shows its secret once', async () => {
    await page.goto(`${gw.url}/dashboard/webhooks`);
    await expectAccessible();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'Endpoint added' }).waitFor();
    const secret = (await page.locator('#secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible();
    await page.getByRole('link', { name: 'Endpoint settings' }).click();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectAccessible();
    // Only payment.failed from now on, then paused.
    await page.getByLabel('Every event, also types added later').uncheck();
    await page.getByLabel('payment.failed').check();
    await page.getByLabel('Paused: send no new events').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await page.getByText('paused').first().isVisible()).toBe(true);
    await page.goto(`${gw.url}/dashboard/webhooks`);
    expect(await page.content()).not.toContain(secret);
  });

  it('creates a key, shows its secret once, and revokes it', async () => {
    await page.goto(`${gw.url}/dashboard/keys`);
    await expectAccessible();
    await page.getByRole('button', { name: 'Create a test key' }).click();
    const apiSecret = (await page.locator('#secret').textContent()) ?? '';
    const apiKey = (await page.locator('.secret code').first().textContent()) ?? '';
    expect(apiKey).toMatch(/^sk_test_/);
    // Reloading the answer sends the form again: refused, no second key.
    const keyCount = async () =>
      (await gw.gateway.db.query('select id from api_keys where revoked_at is null')).length;
    const keys = await keyCount();
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(409);
    await page.getByRole('heading', { name: 'Already sent' }).waitFor();
    expect(await keyCount()).toBe(keys);
    await page.goto(`${gw.url}/dashboard/keys`);
    const client = new Malipo({ apiKey, apiSecret, baseUrl: gw.url, maxRetries: 0 });
    expect((await client.payments.list({ limit: 1 })).data).toBeDefined();
    await page
      .getByRole('row')
      .filter({ hasText: apiKey })
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await page.getByText('Key revoked').waitFor();
    await expectAccessible();
    await expect(client.payments.list({ limit: 1 })).rejects.toBeInstanceOf(
      MalipoAuthenticationError,
    );
  });

  it('switches to live data and back', async () => {
    await page.goto(`${gw.url}/dashboard/payments`);
    await page.getByRole('button', { name: 'View live data' }).click();
    await page.getByText('Live mode').waitFor();
    expect(await page.getByText('No payments yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'View test data' }).click();
    await page.getByText('Test mode').waitFor();
  });

  it('opens the API reference and finds createPayment', async () => {
    await page.goto(`${gw.url}/dashboard/payments`);
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.waitForURL(`${gw.url}/docs`);
    await page.getByText('Create a payment').first().waitFor({ timeout: 20_000 });
  });

  it('signs out', async () => {
    await page.goto(`${gw.url}/dashboard/payments`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${gw.url}/dashboard/login`);
    await page.goto(`${gw.url}/dashboard/keys`);
    expect(page.url()).toBe(`${gw.url}/dashboard/login`);
  });
});

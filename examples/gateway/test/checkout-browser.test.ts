import type { CheckoutSession, CreateCheckoutSessionRequest } from '@malipo/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, seriousViolations } from './support/browser.js';
import { startTestGateway, type TestGateway } from './support/harness.js';
import { type MerchantSite, startMerchantSite } from './support/merchant-site.js';

/** The simulator's test phones, as a customer types them. */
const phones = { pays: '0708 374 149', cancels: '0733 333 333', timesOut: '0711 111 111' };

describe('the hosted checkout page in Chromium', () => {
  let gw: TestGateway;
  let shop: MerchantSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [gw, shop, browser] = await Promise.all([
      startTestGateway('pglite'),
      startMerchantSite(),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await gw?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  const create = (extra: Partial<CreateCheckoutSessionRequest> = {}): Promise<CheckoutSession> =>
    gw.client.checkout.sessions.create({
      amount_cents: 150_000,
      currency: 'KES',
      description: 'Two tickets, row F',
      success_url: `${shop.origin}/paid`,
      cancel_url: `${shop.origin}/cart`,
      failure_url: `${shop.origin}/failed`,
      allowed_origins: [shop.origin],
      ...extra,
    });
  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);

  it('a customer pays: the phone is prompted, the page follows, and the customer lands on success_url with the session id', async () => {
    const session = await create();
    await page.goto(session.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Pay /);
    expect(await page.getByText('KES 1,500').first().isVisible()).toBe(true);
    await expectAccessible();
    await page.getByLabel('M-Pesa phone number').fill(phones.pays);
    await page.getByRole('button', { name: 'Pay KES 1,500' }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await expectAccessible();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await expectAccessible();
    await page.waitForURL(`${shop.origin}/paid?session_id=${session.session_id}`);
    expect((await gw.client.checkout.sessions.retrieve(session.session_id)).status).toBe(
      'COMPLETED',
    );
  });

  it('a cancelled prompt brings the customer back with a retry; giving up goes to cancel_url', async () => {
    const session = await create();
    await page.goto(session.url);
    await page.getByLabel('M-Pesa phone number').fill(phones.cancels);
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByText('You cancelled the M-Pesa request.').waitFor();
    await expectAccessible();
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByText('You can try 3 more times.').waitFor();
    await page.getByRole('link', { name: /^Return to/ }).click();
    await page.waitForURL(`${shop.origin}/cart?session_id=${session.session_id}`);
    const read = await gw.client.checkout.sessions.retrieve(session.session_id);
    expect(read).toMatchObject({ status: 'OPEN', payment_id: null });
  });

  it('a prompt that times out offers a retry; leaving goes to failure_url', async () => {
    const session = await create();
    await page.goto(session.url);
    await page.getByLabel('M-Pesa phone number').fill(phones.timesOut);
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByText('The M-Pesa request timed out before the PIN was entered.').waitFor();
    expect(await page.getByRole('link', { name: 'Try again' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: /^Return to/ }).click();
    await page.waitForURL(`${shop.origin}/failed?session_id=${session.session_id}`);
  });

  it('refuses a malformed phone next to the field, in Swahili too', async () => {
    const session = await create({ locale: 'sw' });
    await page.goto(session.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('sw');
    await page.getByLabel('Nambari ya simu ya M-Pesa').fill('12345');
    await page.getByRole('button', { name: /^Lipa/ }).click();
    await page.getByText('Weka nambari ya Safaricom kama 0712 345 678.').waitFor();
    expect(await page.getByLabel('Nambari ya simu ya M-Pesa').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expectAccessible();
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByLabel('M-Pesa phone number').waitFor();
  });

  it('an expired session says so and offers no way to pay', async () => {
    const session = await create();
    await gw.gateway.db.query(
      "update checkout_sessions set expires_at = now() - interval '1 second' where id = $1",
      [session.session_id],
    );
    await page.goto(session.url);
    await page.getByRole('heading', { name: 'This checkout has expired' }).waitFor();
    expect(await page.getByLabel('M-Pesa phone number').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /^Pay/ }).isVisible()).toBe(false);
    await expectAccessible();
  });

  it('inside the modal on the merchant site: onSuccess, then onClose', async () => {
    const session = await create();
    await page.goto(`${shop.origin}/?session=${encodeURIComponent(session.url)}`);
    await page.getByRole('button', { name: 'Buy' }).click();
    const frame = page.frameLocator('iframe[title="Malipo checkout"]');
    await frame.getByLabel('M-Pesa phone number').fill(phones.pays);
    await frame.getByRole('button', { name: /^Pay/ }).click();
    await frame.getByRole('heading', { name: 'Payment received' }).waitFor();
    await page.waitForFunction(() =>
      (window as unknown as { checkoutEvents: { type: string }[] }).checkoutEvents.some(
        (e) => e.type === 'success',
      ),
    );
    await frame.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(
      () => (window as unknown as { checkoutEvents: unknown[] }).checkoutEvents.length === 2,
    );
    const events = await page.evaluate(
      () => (window as unknown as { checkoutEvents: unknown }).checkoutEvents,
    );
    const read = await gw.client.checkout.sessions.retrieve(session.session_id);
    expect(events).toEqual([
      {
        type: 'success',
        result: expect.objectContaining({
          type: 'success',
          session_id: session.session_id,
          payment_id: read.payment_id,
          status: 'COMPLETED',
        }),
      },
      { type: 'close' },
    ]);
    // The modal closed; the shop page did not navigate.
    expect(await page.locator('iframe').count()).toBe(0);
    expect(page.url()).toContain(`${shop.origin}/?session=`);
  });

  it('inside the modal: a customer who cancels and gives up gives onFailure, then onClose', async () => {
    const session = await create();
    await page.goto(`${shop.origin}/?session=${encodeURIComponent(session.url)}`);
    await page.getByRole('button', { name: 'Buy' }).click();
    const frame = page.frameLocator('iframe[title="Malipo checkout"]');
    await frame.getByLabel('M-Pesa phone number').fill(phones.cancels);
    await frame.getByRole('button', { name: /^Pay/ }).click();
    await frame.getByText('You cancelled the M-Pesa request.').waitFor();
    await frame.getByRole('link', { name: /^Return to/ }).click();
    await page.waitForFunction(
      () => (window as unknown as { checkoutEvents: unknown[] }).checkoutEvents.length === 2,
    );
    const events = await page.evaluate(
      () => (window as unknown as { checkoutEvents: unknown }).checkoutEvents,
    );
    expect(events).toEqual([
      {
        type: 'failure',
        result: expect.objectContaining({
          session_id: session.session_id,
          code: 'CANCELLED',
          message: 'You cancelled the M-Pesa request.',
        }),
      },
      { type: 'close' },
    ]);
  });

  it('a site the session does not allow cannot frame the page', async () => {
    const session = await create();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    await page.goto(`${shop.otherOrigin}/frame?src=${encodeURIComponent(session.url)}`);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    const framed = page.frames().find((f) => f.url().startsWith(gw.url));
    const text = framed
      ? await framed.evaluate(() => document.body?.textContent ?? '').catch(() => '')
      : '';
    expect(text).not.toContain('M-Pesa phone number');
    // The allowed origin frames it.
    await page.goto(`${shop.origin}/frame?src=${encodeURIComponent(session.url)}`);
    await page.frameLocator('#frame').getByLabel('M-Pesa phone number').waitFor();
  });

  it('weighs little: the whole page, compressed, is far under 50 KB', async () => {
    const session = await create();
    let bytes = 0;
    const counted: Promise<void>[] = [];
    page.on('response', (response) => {
      counted.push(
        response
          .request()
          .sizes()
          .then((sizes) => {
            bytes += sizes.responseBodySize + sizes.responseHeadersSize;
          }),
      );
    });
    await page.goto(session.url, { waitUntil: 'networkidle' });
    await Promise.all(counted);
    expect(counted.length).toBe(2); // the page and its script: nothing else, nothing from elsewhere
    expect(bytes).toBeLessThan(50 * 1024);
    expect(bytes).toBeGreaterThan(1024);
  });
});

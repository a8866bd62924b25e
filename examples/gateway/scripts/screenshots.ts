/**
 * `pnpm screenshots`: the pictures in the READMEs (docs/images/), taken from a real gateway on a
 * scratch PGlite with sample data, in Debian's Chromium. Run it after changing a page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Malipo } from '@malipo/client';
import { loadConfig } from '../src/config/config.js';
import { startGateway } from '../src/gateway.js';
import { launchChromium } from '../test/support/browser.js';
import { scratchDatabase } from '../test/support/databases.js';

const out = join(import.meta.dirname, '../../../docs/images');
mkdirSync(out, { recursive: true });

const database = await scratchDatabase('pglite');
const gateway = await startGateway(
  loadConfig({
    ...database.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    TEST_PROCESSING_DELAY: '150',
    ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
    WEBHOOK_RETRY_INTERVALS: '0',
    API_KEY: 'sk_test_screenshots_0001',
    API_SECRET: 'secret_screenshots_0001',
  }),
  { api: true, worker: true },
);
const url = gateway.url as string;
const client = new Malipo({
  apiKey: 'sk_test_screenshots_0001',
  apiSecret: 'secret_screenshots_0001',
  baseUrl: url,
});
const browser = await launchChromium();
try {
  // Sample data: paid, cancelled and pending payments, and a delivery that failed.
  await client.webhookEndpoints.create({ url: 'http://127.0.0.1:9/unreachable' });
  for (const phone of ['254708374149', '254733333333', '254708374150', '254708374149']) {
    await client.payments.create({
      amount_cents: 150_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: phone, order_reference: 'ORDER-1042' },
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const session = await client.checkout.sessions.create({
    amount_cents: 150_000,
    currency: 'KES',
    description: 'Two tickets, row F',
    success_url: 'https://shop.example/paid',
    cancel_url: 'https://shop.example/cart',
  });
  const phone = await browser.newPage({
    viewport: { width: 390, height: 780 },
    deviceScaleFactor: 2,
  });
  await phone.goto(session.url);
  await phone.screenshot({ path: join(out, 'checkout-page.png') });
  await phone.getByLabel('M-Pesa phone number').fill('0722 222 222');
  await phone.getByRole('button', { name: /^Pay/ }).click();
  await phone.getByRole('heading', { name: 'Check your phone' }).waitFor();
  await phone.screenshot({ path: join(out, 'checkout-waiting.png') });

  const desk = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await desk.goto(gateway.loginLink as string);
  await desk.getByRole('button', { name: 'Sign in' }).click();
  await desk.getByRole('heading', { name: 'Payments' }).waitFor();
  await desk.screenshot({ path: join(out, 'dashboard-payments.png') });
  await desk.getByRole('link', { name: /^pay_/ }).first().click();
  await desk.getByRole('heading', { name: 'Timeline' }).waitFor();
  await desk.screenshot({ path: join(out, 'dashboard-payment.png'), fullPage: true });
  await desk.getByRole('link', { name: 'Deliveries' }).click();
  await desk.screenshot({ path: join(out, 'dashboard-deliveries.png') });
  await desk.getByRole('link', { name: 'Webhooks' }).click();
  await desk.screenshot({ path: join(out, 'dashboard-webhooks.png') });
  console.log(`Screenshots written to ${out}`);
} finally {
  await browser.close();
  await gateway.close();
  await database.drop();
}

import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { startGateway } from '../src/gateway.js';
import { adminTokenFile } from '../src/merchants/admin-token.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway, testEnv } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';

const gatewayDir = join(import.meta.dirname, '..');

/** Runs `gateway admin …` as an operator would, against a running gateway. */
async function admin(args: string[], env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', 'admin', ...args],
    { cwd: gatewayDir, env: { ...process.env, ...env } },
  );
  return JSON.parse(stdout);
}

describe.each(databaseKinds)('operator tooling on %s', (kind) => {
  const adminToken = `adm_test_${'x'.repeat(32)}`;
  let gw: TestGateway;
  let env: Record<string, string>;
  beforeAll(async () => {
    gw = await startTestGateway(kind, { ADMIN_TOKEN: adminToken });
    env = { ADMIN_TOKEN: adminToken, ADMIN_URL: gw.url, LOG_LEVEL: 'silent' };
  });
  afterAll(() => gw?.close());

  const list = (key: string, secret: string) =>
    fetch(`${gw.url}/api/v1/payments`, { headers: { 'x-api-key': key, 'x-api-secret': secret } });

  it('operator routes need the admin token', async () => {
    expect((await fetch(`${gw.url}/admin/v1/merchants`, { method: 'POST' })).status).toBe(401);
    const wrong = await fetch(`${gw.url}/admin/v1/merchants`, {
      method: 'POST',
      headers: { authorization: 'Bearer adm_guess', 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
    expect(wrong.status).toBe(401);
  });

  it('creates a merchant and keys while running; a revoked key is 401 at once; a rolled secret replaces the old', async () => {
    const merchant = await admin(['merchants', 'create', '--name', 'Duka'], env);
    expect(merchant.api_key).toMatch(/^sk_test_/);
    expect((await list(merchant.api_key, merchant.api_secret)).status).toBe(200);

    const live = await admin(
      ['keys', 'create', '--merchant', merchant.merchant_id, '--mode', 'live'],
      env,
    );
    expect(live.api_key).toMatch(/^sk_live_/);
    const keys = await admin(['keys', 'list', '--merchant', merchant.merchant_id], env);
    expect(keys.data.map((k: { mode: string }) => k.mode)).toEqual(['test', 'live']);
    expect(JSON.stringify(keys)).not.toContain(merchant.api_secret);

    // Used first, so a process that remembers keys has this one in mind when it is revoked.
    expect((await list(live.api_key, live.api_secret)).status).toBe(200);
    await admin(['keys', 'revoke', live.key_id], env);
    expect((await list(live.api_key, live.api_secret)).status).toBe(401);

    const testKey = keys.data[0].key_id as string;
    const rolled = await admin(['keys', 'roll', testKey], env);
    expect((await list(merchant.api_key, merchant.api_secret)).status).toBe(401);
    expect((await list(rolled.api_key, rolled.api_secret)).status).toBe(200);
  });

  it('callback token rotation: new pushes name the new path, the old one works only during the overlap', async () => {
    const tokenPath = async () =>
      `/callbacks/mpesa/${
        (
          await gw.gateway.db.query<{ value: string }>(
            `select value from settings where name = 'mpesa_callback_token'`,
          )
        )[0]?.value
      }`;
    const post = (path: string) =>
      fetch(`${gw.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          Body: { stkCallback: { CheckoutRequestID: 'ws_CO_rotation_probe', ResultCode: 1032 } },
        }),
      });
    const oldPath = await tokenPath();
    await admin(['callback-token', 'rotate', '--mode', 'test', '--overlap', '2'], env);
    const newPath = await tokenPath();
    expect(newPath).not.toBe(oldPath);
    expect((await post(oldPath)).status).toBe(200);
    expect((await post(newPath)).status).toBe(200);
    const created = await gw.client.payments.create({
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
    });
    expect(
      gw.gateway.mpesa.simulator?.transaction(created.provider_reference ?? '')?.callbackUrl,
    ).toBe(`${gw.url}${newPath}`);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await post(oldPath)).status).toBe(404);
    expect((await post(newPath)).status).toBe(200);
  });

  it('webhook secret rotation: both secrets verify during the overlap, only the new one after', async () => {
    const oldSecret = gw.webhookSecret;
    const receivers: Receiver[] = [];
    try {
      const rotated = await admin(
        [
          'webhook-secret',
          'rotate',
          '--merchant',
          gw.gateway.merchant.merchantId,
          '--mode',
          'test',
          '--overlap',
          '600',
        ],
        env,
      );
      // Only the test events' secret changed: live receivers are untouched.
      expect(rotated).toMatchObject({ mode: 'test' });
      expect(
        await gw.gateway.db.query(
          `select secret from merchant_webhook_secrets where merchant_id = $1 and mode = 'live'`,
          [gw.gateway.merchant.merchantId],
        ),
      ).toEqual([{ secret: gw.liveWebhookSecret }]);
      const old = await startReceiver(oldSecret);
      const fresh = await startReceiver(rotated.webhook_secret);
      receivers.push(old, fresh);
      const pay = (receiver: Receiver) =>
        gw.client.payments.create({
          amount_cents: 10_000,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: { phone_number: '254708374149' },
          callback_url: receiver.url,
        });
      const completed = (receiver: Receiver, id: string) =>
        eventually(
          async () => receiver.events.filter((e) => 'payment_id' in e && e.payment_id === id),
          (events) => events.some((e) => e.event === 'payment.completed'),
        );
      // During the overlap a receiver on either secret verifies the deliveries.
      await completed(old, (await pay(old)).payment_id);
      await completed(fresh, (await pay(fresh)).payment_id);

      // The overlap ends (set in the database rather than waited for, so a slow machine cannot
      // end it before the deliveries above are signed): only the new secret signs from now on.
      await gw.gateway.db.query(
        `update merchant_webhook_secrets set previous_secret_until = now()
         where merchant_id = $1 and mode = 'test'`,
        [gw.gateway.merchant.merchantId],
      );
      const late = await pay(old);
      await completed(fresh, (await pay(fresh)).payment_id);
      await eventually(
        async () => (await gw.client.webhookDeliveries.list({ limit: 100 })).data,
        (deliveries) =>
          deliveries.some((d) => d.url === old.url && d.attempts >= 1 && d.status !== 'DELIVERED'),
      );
      expect(
        old.events.filter((e) => 'payment_id' in e && e.payment_id === late.payment_id),
      ).toEqual([]);
    } finally {
      for (const receiver of receivers) await receiver.close();
    }
  });
});

describe('the embedded gateway leaves its admin token for the admin command', () => {
  it('owner-only, and the command finds it without ADMIN_TOKEN', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'malipo-admin-')), 'data');
    const gateway = await startGateway(loadConfig({ ...testEnv, DATA_DIR: dataDir }), {
      api: true,
      worker: false,
    });
    try {
      expect(statSync(adminTokenFile(dataDir)).mode & 0o777).toBe(0o600);
      const created = await admin(['merchants', 'create', '--name', 'Embedded'], {
        DATA_DIR: dataDir,
        ADMIN_URL: gateway.url as string,
        LOG_LEVEL: 'silent',
      });
      expect(created.success).toBe(true);
      // Test and live events are signed with secrets of their own.
      expect(created.webhook_secret).toMatch(/^whsec_/);
      expect(created.live_webhook_secret).toMatch(/^whsec_/);
      expect(created.live_webhook_secret).not.toBe(created.webhook_secret);
    } finally {
      await gateway.close();
    }
  });
});

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCall } from '../src/admin-command.js';
import { banner } from '../src/cli/banner.js';
import { GatewayConfigError, loadConfig } from '../src/config/config.js';
import { withoutPassword } from '../src/config/database-url.js';
import { startGateway } from '../src/gateway.js';
import { ensureTestMerchant } from '../src/merchants/bootstrap.js';
import { createMerchant } from '../src/merchants/operations.js';
import { firstMerchantId } from '../src/stores/merchants-store.js';
import { postgresAdminUrl, scratchDatabase } from './support/databases.js';
import { eventually, startTestGateway, type TestGateway } from './support/harness.js';

/** Regression tests for what an attack on the operator's surfaces found. */
describe('admin command lines', () => {
  const none = { name: undefined, merchant: undefined, mode: undefined, overlap: undefined };

  it('a merchant id is one path segment: it can name no other admin route', () => {
    const call = adminCall(['login-link'], { ...none, merchant: '../keys/key_X/revoke?' });
    expect(call).toMatchObject({ path: '/merchants/..%2Fkeys%2Fkey_X%2Frevoke%3F/login-links' });
    expect(adminCall(['login-link'], { ...none, merchant: '' })).toMatch(/needs --merchant/);
  });

  it.each(['', ' ', '0x10', '1e3', '-5', '1.5'])('--overlap "%s" is refused', (overlap) => {
    expect(
      adminCall(['webhook-secret', 'rotate'], {
        ...none,
        merchant: 'mer_1',
        mode: 'live',
        overlap,
      }),
    ).toMatch(/--overlap takes whole seconds/);
    expect(adminCall(['callback-token', 'rotate'], { ...none, mode: 'test', overlap })).toMatch(
      /--overlap takes whole seconds/,
    );
  });

  it('extra words and options that do not belong are refused, never ignored', () => {
    expect(adminCall(['keys', 'revoke', 'key_1', 'key_2'], none)).toMatch(/remove "key_2"/);
    expect(adminCall(['keys', 'list'], { ...none, merchant: 'mer_1', mode: 'test' })).toMatch(
      /takes no --mode/,
    );
    expect(adminCall(['login-link'], { ...none, merchant: 'mer_1', overlap: '5' })).toMatch(
      /takes no --overlap/,
    );
    expect(adminCall(['keys', 'revoke'], none)).toMatch(/needs a key id/);
    expect(
      adminCall(['webhook-secret', 'rotate'], {
        ...none,
        merchant: 'mer_1',
        mode: 'live',
        overlap: '60',
      }),
    ).toMatchObject({
      path: '/merchants/mer_1/webhook-secret/rotate',
      body: { mode: 'live', overlap_seconds: 60 },
    });
    // Which mode's secret is never guessed.
    expect(adminCall(['webhook-secret', 'rotate'], { ...none, merchant: 'mer_1' })).toMatch(
      /webhook-secret rotate needs --mode test or --mode live/,
    );
  });

  it('payments review names the payment, needs a note and refuses an outcome it does not know', () => {
    const review = { ...none, note: 'statement checked', outcome: undefined, receipt: undefined };
    expect(
      adminCall(['payments', 'review', 'pay_1/../x'], { ...review, outcome: 'completed' }),
    ).toEqual({
      method: 'POST',
      path: '/payments/pay_1%2F..%2Fx/review',
      body: { note: 'statement checked', outcome: 'COMPLETED' },
    });
    expect(adminCall(['payments', 'review'], review)).toMatch(/needs a payment id/);
    expect(adminCall(['payments', 'review', 'pay_1'], { ...review, note: ' ' })).toMatch(
      /needs --note/,
    );
    expect(adminCall(['payments', 'review', 'pay_1'], { ...review, outcome: 'paid' })).toMatch(
      /--outcome is completed or failed; got "paid"/,
    );
    expect(adminCall(['keys', 'list'], { ...none, merchant: 'mer_1', note: 'x' })).toMatch(
      /takes no --note/,
    );
  });
});

describe('configuration', () => {
  const refused = (env: Record<string, string>, variable: string) => {
    expect(() => loadConfig(env)).toThrow(GatewayConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  };

  it('a DATABASE_URL whose password holds a / is refused at start, and never printed', () => {
    const url = 'postgres://malipo:s3cr/et@127.0.0.1:5432/db';
    refused({ DATABASE_URL: url }, 'DATABASE_URL');
    expect(() => loadConfig({ DATABASE_URL: url })).not.toThrow(/s3cr/);
    expect(withoutPassword(url)).toBe('postgres://malipo:***@127.0.0.1:5432/db');
    // The driver's socket form (an empty host) is still a URL it reads.
    expect(
      loadConfig({ DATABASE_URL: 'postgres://malipo@/db?host=/var/run/postgresql' }).database,
    ).toMatchObject({ kind: 'postgres' });
    expect(withoutPassword('postgres://malipo:a#b@c@127.0.0.1/db')).toBe(
      'postgres://malipo:***@127.0.0.1/db',
    );
  });

  it('a worker without PUBLIC_URL is refused before it sends Daraja a result address it guessed', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://malipo@127.0.0.1:1/none',
      LOG_LEVEL: 'silent',
    });
    await expect(startGateway(config, { api: false, worker: true })).rejects.toThrow(
      /PUBLIC_URL: a worker tells Daraja where to send results/,
    );
  });

  it('settings that could never work are refused', () => {
    refused({ ADMIN_TOKEN: 'correct horse battery staple 2024' }, 'ADMIN_TOKEN');
    refused({ ADMIN_TOKEN: ' abcdefghijklmnopqrstuvwxyz' }, 'ADMIN_TOKEN');
    refused({ API_KEY: 'sk_live_abcdefghijkl' }, 'API_KEY');
    refused({ PUBLIC_URL: 'https://pay.example.com/?a=b' }, 'PUBLIC_URL');
    refused({ PUBLIC_URL: 'https://pay.example.com/#top' }, 'PUBLIC_URL');
    refused({ WEBHOOK_SECRET: 'whsec_AAAA=AAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'WEBHOOK_SECRET');
    refused({ MPESA_LIVE_INITIATOR_NAME: 'api-operator' }, 'MPESA_LIVE_INITIATOR_NAME');
    refused({ MPESA_LIVE_BASE_URL: 'https://proxy.example' }, 'MPESA_LIVE_BASE_URL');
    refused(
      {
        MPESA_SIMULATOR_URL: 'http://127.0.0.1:8001',
        MPESA_TEST_CONSUMER_KEY: 'key',
        MPESA_TEST_CONSUMER_SECRET: 'secret',
        MPESA_TEST_SHORTCODE: '174379',
        MPESA_TEST_PASSKEY: 'passkey',
      },
      'MPESA_SIMULATOR_URL',
    );
    refused({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }, 'METRICS_HOST: 0.0.0.0 opens');
    expect(() =>
      loadConfig({
        METRICS_PORT: '9100',
        METRICS_HOST: '0.0.0.0',
        METRICS_TOKEN: 'metrics_token_0000000000000000',
      }),
    ).not.toThrow();
    // A batch of attempts must end well inside its job's 120 s expiry, or it would run twice.
    refused({ WEBHOOK_TIMEOUT_MS: '120000' }, 'WEBHOOK_TIMEOUT_MS');
  });

  it("a key in the gateway's own format (with -) is accepted as API_KEY", () => {
    expect(loadConfig({ API_KEY: 'sk_test_kGGh_S1ylg80mr6fS1KkJ_-8' }).bootstrap.apiKey).toBe(
      'sk_test_kGGh_S1ylg80mr6fS1KkJ_-8',
    );
  });
});

describe('GET /health when PostgreSQL stops answering', () => {
  const postgres = new URL(postgresAdminUrl);
  let gw: TestGateway | undefined;
  const sockets = new Set<Socket>();
  // PostgreSQL behind a relay that can hold every byte either way (a network partition), then
  // let them through again, nothing lost.
  const relay = createServer((client) => {
    const upstream = connect(Number(postgres.port || 5432), postgres.hostname);
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
  });
  const partition = (on: boolean) => {
    for (const socket of sockets) {
      if (on) socket.pause();
      else socket.resume();
    }
  };
  let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  afterAll(async () => {
    partition(false);
    await gw?.close();
    await database?.drop();
    for (const socket of sockets) socket.destroy();
    relay.close();
  });

  it('answers 503 within a few seconds instead of hanging', async () => {
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    database = await scratchDatabase('postgres');
    const direct = new URL(database.env.DATABASE_URL as string);
    direct.host = `127.0.0.1:${(relay.address() as AddressInfo).port}`;
    gw = await startTestGateway('postgres', { DATABASE_URL: direct.toString() });
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
    partition(true);
    const answer = await fetch(`${gw.url}/health`, { signal: AbortSignal.timeout(15_000) });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ database: 'unavailable' });
    partition(false);
  });
});

describe('a new ADMIN_TOKEN on PostgreSQL', () => {
  const gateways: TestGateway[] = [];
  let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await database?.drop();
  });

  it('replaces the old one in every process sharing the database, within seconds', async () => {
    database = await scratchDatabase('postgres');
    const [leaked, fresh] = [
      'adm_leaked_0000000000000000000000',
      'adm_fresh_00000000000000000000000',
    ];
    const first = await startTestGateway('postgres', { ...database.env, ADMIN_TOKEN: leaked });
    gateways.push(first);
    const keys = (token: string) =>
      fetch(`${first.url}/admin/v1/merchants/${first.gateway.merchant.merchantId}/keys`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((answer) => answer.status);
    expect(await keys(leaked)).toBe(200);
    // Another process starts with a new token: the leaked one must stop working here too.
    gateways.push(await startTestGateway('postgres', { ...database.env, ADMIN_TOKEN: fresh }));
    await eventually(
      async () => [await keys(leaked), await keys(fresh)],
      ([old, current]) => old === 401 && current === 200,
      10_000,
    );
  });
});

describe('the test merchant', () => {
  let gw: TestGateway | undefined;
  afterAll(() => gw?.close());

  it('stays the first merchant when its test keys are revoked, as the key command has it', async () => {
    gw = await startTestGateway('pglite', { ADMIN_TOKEN: 'adm_operator_00000000000000000000' });
    const first = gw.gateway.merchant.merchantId;
    await createMerchant(gw.gateway.db, 'Another');
    await gw.gateway.db.query(
      `update api_keys set revoked_at = now() where merchant_id = $1 and mode = 'test'`,
      [first],
    );
    const again = await ensureTestMerchant(gw.gateway.db, {});
    expect(again).toMatchObject({ merchantId: first, apiKey: '', created: false });
    expect(await firstMerchantId(gw.gateway.db)).toBe(first);
    const printed = banner(
      { ...gw.gateway, merchant: again },
      loadConfig({ ADMIN_TOKEN: 'adm_operator_00000000000000000000' }),
      'start',
    );
    expect(printed).toContain(
      `API key:        (no active test key: "admin keys create --merchant ${first}`,
    );
    expect(printed).toContain('Admin token:    the one ADMIN_TOKEN sets');
  });
});

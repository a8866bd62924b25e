import { Malipo } from '@malipo/client';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations.js';
import { type ChildGateway, freePort, spawnGateway } from './support/child-gateway.js';
import { scratchDatabase } from './support/databases.js';
import { eventually } from './support/harness.js';
import { startReceiver } from './support/receiver.js';

describe('scale-out on PostgreSQL', () => {
  const processes: ChildGateway[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const child of processes) await child.kill('SIGTERM');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('migrate, a simulator, two API and two worker processes: payments settle, webhooks arrive once', async () => {
    const database = await scratchDatabase('postgres');
    cleanups.push(() => database.drop());
    const webhookSecret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const receiver = await startReceiver(webhookSecret);
    // Each payment announces `payment.pending`, then settles: the settlement events are counted.
    const settlements = () => receiver.events.filter((event) => event.event !== 'payment.pending');
    cleanups.push(() => receiver.close());
    const simulatorPort = await freePort();
    const base = {
      ...database.env,
      LOG_LEVEL: 'silent',
      MPESA_SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
      TEST_PROCESSING_DELAY: '200',
      API_KEY: 'sk_test_scale_key_0001',
      API_SECRET: 'secret_scale_secret_0001',
      WEBHOOK_SECRET: webhookSecret,
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const migrate = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/main.ts', 'migrate'], {
        cwd: new URL('..', import.meta.url),
        env: { ...process.env, ...database.env },
      });
    expect((await migrate()).stdout).toContain(
      `Applied ${migrations.map((migration) => migration.id).join(', ')}.`,
    );
    expect((await migrate()).stdout).toContain('Database is up to date.');
    processes.push(
      await spawnGateway(
        { ...base, SIMULATOR_PORT: String(simulatorPort) },
        base.MPESA_SIMULATOR_URL,
        'simulator',
      ),
    );
    const apiUrls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      processes.push(
        await spawnGateway({ ...base, PORT: String(port), PUBLIC_URL: url }, url, 'api'),
      );
      apiUrls.push(url);
    }
    for (let i = 0; i < 2; i++) {
      processes.push(
        await spawnGateway({ ...base, PUBLIC_URL: apiUrls[i] as string }, '', 'worker'),
      );
    }

    const clients = apiUrls.map(
      (baseUrl) => new Malipo({ apiKey: base.API_KEY, apiSecret: base.API_SECRET, baseUrl }),
    );
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (clients[i % 2] as Malipo).payments.create({
          amount_cents: 10_000,
          currency: 'KES',
          provider: 'MPESA_SAFARICOM',
          metadata: { phone_number: i % 4 === 0 ? '254733333333' : '254712345678' },
          callback_url: receiver.url,
        }),
      ),
    );
    for (const [i, payment] of created.entries()) {
      const settled = await (clients[(i + 1) % 2] as Malipo).payments.waitFor(payment.payment_id, {
        timeout: 30_000,
      });
      expect(settled.status).toBe(i % 4 === 0 ? 'CANCELLED' : 'COMPLETED');
    }
    await eventually(
      async () => settlements().length,
      (n) => n >= 20,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ids = settlements().map((event) => ('payment_id' in event ? event.payment_id : ''));
    expect(new Set(ids).size).toBe(20);
    expect(ids).toHaveLength(20);
  }, 180_000);

  it('api and worker refuse to run on the embedded database, with the fix', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const failed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'api'],
      {
        cwd: new URL('..', import.meta.url),
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent' },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('DATABASE_URL=postgres://');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '@malipo/cli';
import { generateWebhookSecret } from '@malipo/webhooks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput, closedPort, startVerifyingReceiver } from './support/verifying-receiver.js';

const secret = generateWebhookSecret();
let receiver: Awaited<ReturnType<typeof startVerifyingReceiver>>;

beforeAll(async () => {
  receiver = await startVerifyingReceiver(secret);
});
afterAll(() => receiver.close());

describe('malipo trigger', () => {
  it('sends an event the receiver verifies with @malipo/webhooks, and exits 0', async () => {
    const { out, err, io } = captureOutput();
    const code = await runCli(
      ['trigger', 'payment.completed', '--url', receiver.url, '--secret', secret],
      { io },
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(
      /^payment\.completed evt_[a-z0-9]{20} → http:\/\/127\.0\.0\.1:\d+\/webhooks: 204$/,
    );
    const delivery = receiver.accepted.at(-1);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ event: 'payment.completed' });
    // The headers the gateway sends (examples/gateway/src/webhooks/send-attempt.ts).
    expect(Object.keys(delivery?.headers ?? {})).toEqual(
      expect.arrayContaining([
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'x-webhook-signature',
        'user-agent',
      ]),
    );
  });

  it('exits 1 and prints the answer when the receiver refuses the signature', async () => {
    const { out, err, io } = captureOutput();
    const code = await runCli(
      ['trigger', 'refund.failed', '--url', receiver.url, '--secret', generateWebhookSecret()],
      { io },
    );
    expect(code).toBe(1);
    expect(out[0]).toMatch(/: 400$/);
    expect(out[1]).toMatch(/signature/i);
    expect(err).toEqual(['malipo: the receiver answered 400, not 2xx.']);
  });

  it('sends --data from a file and only the scheme asked for', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'malipo-cli-')), 'data.json');
    writeFileSync(file, JSON.stringify({ amount_cents: 77_700, metadata: { order: 'A-1' } }));
    const { io } = captureOutput();
    const code = await runCli(
      ['trigger', 'payout.failed', '--url', receiver.url, '--secret', secret, '--data', file],
      { io },
    );
    expect(code).toBe(0);
    expect(JSON.parse(receiver.accepted.at(-1)?.body ?? '{}')).toMatchObject({
      amount_cents: 77_700,
      metadata: { order: 'A-1' },
    });
    // Standard Webhooks alone: this receiver also wants X-Webhook-Signature, so it refuses.
    const standardOnly = await runCli(
      [
        'trigger',
        'payout.failed',
        '--url',
        receiver.url,
        '--secret',
        secret,
        '--scheme',
        'standard',
      ],
      { io },
    );
    expect(standardOnly).toBe(1);
  });

  it('exits 1 with one line when nothing listens on the URL', async () => {
    const { err, io } = captureOutput();
    const code = await runCli(
      [
        'trigger',
        'payment.failed',
        '--url',
        `http://127.0.0.1:${await closedPort()}/`,
        '--secret',
        secret,
      ],
      { io },
    );
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^malipo: could not reach .*ECONNREFUSED/)]);
  });

  it('runs as the malipo binary with real exit codes', async () => {
    const bin = resolve(import.meta.dirname, '../src/bin.ts');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', bin, ...args], {
        cwd: resolve(import.meta.dirname, '..'),
        // Not the MALIPO_* a developer may have exported: the command line alone decides here.
        env: Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith('MALIPO_')),
        ),
      }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const ok = await run([
      'trigger',
      'checkout.session.completed',
      '--url',
      receiver.url,
      '--secret',
      secret,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/checkout\.session\.completed evt_\w+ → .*: 204/);
    const bad = await run(['trigger', 'payment.completed', '--url', receiver.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'malipo: --secret is required (the whsec_… your handler verifies with; or set MALIPO_WEBHOOK_SECRET).',
    );
  }, 30_000);
});

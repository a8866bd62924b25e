import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@malipo/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from './support/verifying-receiver.js';

/**
 * The CLI against a gateway and a receiver that answer badly, each a loopback server a test
 * scripts, and against command lines it used to take or answer wrongly.
 */
type Answer = (request: IncomingMessage, response: ServerResponse) => void;
let answer: Answer = (_, response) => response.end();
const server = createServer((request, response) => answer(request, response));
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const listenArgs = (gateway: string) => [
  'listen',
  '--gateway',
  gateway,
  '--api-key',
  'sk_test_key',
  '--api-secret',
  'secret_value',
  '--forward-to',
  'http://127.0.0.1:9/webhooks',
  '--secret',
  secret,
  '--interval',
  '100',
];
const json =
  (body: unknown): Answer =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

/** Every line of output, for checks that nothing looks like a stack trace. */
const noStack = (lines: string[]) => {
  for (const line of lines) expect(line).not.toMatch(/\n\s+at /);
};

describe('listen against a gateway that answers badly', () => {
  it('a list answer without data is one line and exit 1, no stack', async () => {
    answer = json({ success: true });
    const { out, err, io } = captureOutput();
    const code = await runCli(listenArgs(url), { io });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/has no `data` list/);
    noStack([...out, ...err]);
  });

  it('a malformed payment is skipped and named; the listener goes on', async () => {
    answer = json({
      success: true,
      data: [null, { payment_id: 'pay_bad', status: 'COMPLETED', amount_cents: 'ten' }],
      has_more: false,
      next_cursor: null,
    });
    const stop = new AbortController();
    const { err, io } = captureOutput();
    const running = runCli(listenArgs(url), { io, signal: stop.signal });
    const deadline = Date.now() + 10_000;
    while (!err.some((line) => line.includes('pay_bad')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop.abort();
    expect(await running).toBe(0);
    expect(err.join('\n')).toMatch(/skipped pay_bad: the gateway answered/);
    noStack(err);
  });

  it('Ctrl-C stops it while a poll hangs, with exit 0', async () => {
    answer = () => {}; // never answers
    const stop = new AbortController();
    const { io } = captureOutput();
    const running = runCli(listenArgs(url), { io, signal: stop.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop.abort();
    // Without the signal reaching the poll, this waited for the client's 120 s deadline.
    const outcome = await Promise.race([
      running,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000)),
    ]);
    expect(outcome).toBe(0);
  });
});

describe('trigger against a receiver that answers badly', () => {
  it('a body that trickles past the timeout is one line and exit 1, no stack', async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('a');
    };
    const { out, err, io } = captureOutput();
    const code = await runCli(
      ['trigger', 'payment.completed', '--url', `${url}/webhooks`, '--secret', secret],
      { io },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/did not arrive whole/);
    noStack([...out, ...err]);
  }, 20_000);

  it('an endless answer is cut at its excerpt: the send returns at once, never reading it all', async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      const more = () => {
        while (!response.destroyed && response.write(chunk)) {}
        if (!response.destroyed) response.once('drain', more);
      };
      more();
    };
    const { out, io } = captureOutput();
    const started = Date.now();
    expect(
      await runCli(['trigger', 'payment.completed', '--url', url, '--secret', secret], { io }),
    ).toBe(0);
    // Well inside the 10 s timeout that reading it all would run into.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out[1]).toBe('x'.repeat(200));
  }, 20_000);

  it('takes the secret from MALIPO_WEBHOOK_SECRET, so it need not be on the command line', async () => {
    answer = (_, response) => response.writeHead(204).end();
    process.env.MALIPO_WEBHOOK_SECRET = secret;
    try {
      const { io } = captureOutput();
      expect(await runCli(['trigger', 'payment.completed', '--url', url], { io })).toBe(0);
    } finally {
      delete process.env.MALIPO_WEBHOOK_SECRET;
    }
    const { err, io } = captureOutput();
    expect(await runCli(['trigger', 'payment.completed', '--url', url], { io })).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/--secret is required .*; or set MALIPO_WEBHOOK_SECRET/),
    ]);
  });

  it('Ctrl-C stops a send the receiver holds, at once', async () => {
    answer = () => {};
    const stop = new AbortController();
    const { err, io } = captureOutput();
    const started = Date.now();
    setTimeout(() => stop.abort(), 300);
    const code = await runCli(['trigger', 'payment.completed', '--url', url, '--secret', secret], {
      io,
      signal: stop.signal,
    });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err.join('\n')).toMatch(/was stopped/);
  }, 20_000);

  it("the receiver's escape sequences do not reach the terminal", async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok \u001b]0;owned\u0007 \u001b[2J');
    };
    const { out, io } = captureOutput();
    expect(
      await runCli(['trigger', 'payment.completed', '--url', url, '--secret', secret], { io }),
    ).toBe(0);
    expect(out.join('\n')).not.toContain('\u001b');
  });
});

describe('command lines that used to be taken, or answered as a failure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'malipo-cli-'));
  const big = join(dir, 'big.json');
  writeFileSync(big, `{"pad":"${'x'.repeat(1_100_000)}"}`);

  // Flags only: each is refused before anything is sent (port 9 has no server).
  const receiver = 'http://127.0.0.1:9/webhooks';
  const trigger = ['trigger', 'payment.completed', '--url', receiver, '--secret', secret];
  const listenWith = (from: string, to: string) =>
    listenArgs('http://127.0.0.1:9').map((arg) => (arg === from ? to : arg));
  it.each([
    [
      [
        'trigger',
        'payment.completed',
        '--url',
        'http://user:hunter2@127.0.0.1:9/w',
        '--secret',
        secret,
      ],
      /must not hold a user name or password/,
    ],
    [listenArgs('http://admin:GWPASS@127.0.0.1:9'), /must not hold a user name or password/],
    [listenWith('sk_test_key', ' '), /--api-key is required/],
    [listenWith('sk_test_key', 'a\tb'), /^malipo: --api-key may hold only printable ASCII/],
    [listenWith('100', '0x1F4'), /--interval must be a whole number/],
    [listenWith('100', '1e3'), /--interval must be a whole number/],
    [[...trigger, '--url', `${receiver}/b`], /--url is given more than once/],
    [[...trigger, '--data', '[1]'], /--data must be a JSON object/],
    [[...trigger, '--data', dir], /is not a regular file/],
    [[...trigger, '--data', big], /at most 1 MiB is read/],
    [[...trigger, '--data', '/dev/zero'], /is not a regular file/],
    [[...trigger, '--data', '{"amount_cents":-1}'], /the contract refuses: .*amount_cents/],
  ])('%j exits 2 with one line that says what to fix', async (args, says) => {
    const { out, err, io } = captureOutput();
    expect(await runCli(args, { io })).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(says);
    expect(err[0]).not.toMatch(/hunter2|GWPASS/);
    noStack([...out, ...err]);
  });

  it.each([['trigger'], ['listen']])('%s --help prints the usage, exit 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { out, io } = captureOutput();
      expect(await runCli([command, flag], { io })).toBe(0);
      expect(out.join('\n')).toMatch(/^Usage:/);
    }
  });
});

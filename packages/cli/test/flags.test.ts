import { runCli } from '@malipo/cli';
import { describe, expect, it } from 'vitest';
import { captureOutput } from './support/verifying-receiver.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const url = 'http://127.0.0.1:9/webhooks';
const listenFlags = ['--gateway', 'http://127.0.0.1:9', '--api-key', 'k', '--api-secret', 's'];

describe('bad command lines exit 2 with one clear line', () => {
  it.each([
    [['launch'], /unknown command "launch"/],
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', secret, '--colour'],
      /Unknown option '--colour'.*malipo --help/,
    ],
    [['trigger', 'payment.completed', '--url'], /--url.*argument missing|option '--url <value>'/],
    [
      ['trigger', 'payment.teleported', '--url', url, '--secret', secret],
      /unknown event type "payment\.teleported"; use one of payment\.pending/,
    ],
    [['trigger', 'payment.completed', '--secret', secret], /^malipo: --url is required/],
    [
      ['trigger', 'payment.completed', '--url', 'localhost:3000', '--secret', secret],
      /--url must be an http/,
    ],
    [
      ['trigger', 'payment.completed', '--url', 'not a url', '--secret', secret],
      /--url "not a url" is not a URL/,
    ],
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', 'hunter2'],
      /--secret must be a whsec_/,
    ],
    // Prefixed, but not base64 (9 characters): no handler could verify with it.
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', 'whsec_AAAAAAAAA'],
      /--secret must be a whsec_/,
    ],
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', secret, '--scheme', 'svix'],
      /--scheme must be one of gateway, standard, x-webhook-signature/,
    ],
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', secret, '--data', '{"amount'],
      /--data is not valid JSON/,
    ],
    [
      ['trigger', 'payment.completed', '--url', url, '--secret', secret, '--data', 'nope.json'],
      /neither inline JSON nor a file/,
    ],
    [
      [
        'trigger',
        'payment.completed',
        '--url',
        url,
        '--secret',
        secret,
        '--data',
        '{"currency":7}',
      ],
      /contract refuses.*currency/,
    ],
    [['listen', ...listenFlags, '--secret', secret], /--forward-to is required/],
    [['listen', ...listenFlags, '--forward-to', url], /--secret is required/],
    [
      ['listen', ...listenFlags, '--forward-to', url, '--secret', secret, '--interval', '5'],
      /--interval must be a whole number/,
    ],
  ])('%j', async (args, message) => {
    const { out, err, io } = captureOutput();
    expect(await runCli(args, { io })).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(message);
  });

  it('prints usage and exits 2 without a command; 0 for --help', async () => {
    const { out, io } = captureOutput();
    expect(await runCli([], { io })).toBe(2);
    expect(await runCli(['--help'], { io })).toBe(0);
    expect(out[1]).toMatch(/malipo trigger <event-type>/);
    expect(await runCli(['--version'], { io, version: '0.1.0' })).toBe(0);
    expect(out[2]).toBe('0.1.0');
  });
});

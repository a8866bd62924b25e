import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createMemoryTokenStore, type DarajaOptions } from '../../src/index.js';
import { sandbox } from '../../src/testing/index.js';

/** The consumer secret of {@link scriptedOptions}: tests look for it in errors. */
export const scriptedConsumerSecret = 'consumer_secret_value';

/**
 * Client options against a loopback server a test scripts as Daraja: sandbox credentials, a
 * fresh token store, no retries (each answer is seen as sent).
 */
export const scriptedOptions = (
  baseUrl: string,
  overrides: Partial<DarajaOptions> = {},
): DarajaOptions => ({
  environment: { baseUrl },
  consumerKey: 'key',
  consumerSecret: scriptedConsumerSecret,
  shortcode: sandbox.shortcode,
  passkey: sandbox.passkey,
  callbackUrl: 'https://merchant.example/mpesa/callback',
  tokenStore: createMemoryTokenStore(),
  retry: { limit: 0 },
  ...overrides,
});

/** An STK push any scripted Daraja can answer. */
export const scriptedPush = {
  amount: 10,
  phone: '0708374149',
  accountReference: 'INV-1',
  transactionDesc: 'x',
};

/** The error a call fails with; a call that succeeds fails the test. */
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

/** How a test scripts the loopback Daraja: each request with its body read as text. */
export type ScriptedAnswer = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => void;

/**
 * Daraja played by a loopback server for the enclosing test file, started before its tests and
 * closed after: `script` sets how it answers from then on; `requests` lists the paths asked.
 */
export function scriptedDaraja() {
  let answer: ScriptedAnswer = (_request, response) => response.end();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push(request.url ?? '');
      answer(request, response, body);
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    get url() {
      return url;
    },
    requests,
    script(next: ScriptedAnswer) {
      answer = next;
      requests.length = 0;
    },
  };
}

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDaraja, isDarajaError } from '../src/index.js';

const options = {
  environment: { baseUrl: 'https://daraja.invalid' },
  consumerKey: 'consumer-key-secret-part',
  consumerSecret: 'consumer-secret-value',
  shortcode: '174379',
  passkey: 'passkey',
  callbackUrl: 'https://merchant.example.com/callbacks',
  retry: { limit: 0 },
} as const;

/** What `console.error(error)` would print, cause chain included. */
async function printed(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(isDarajaError(error)).toBe(true);
    return inspect(error, { depth: 10 });
  }
  throw new Error('expected a failure');
}

describe('errors never print credentials', () => {
  const basic = Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64');

  it('a timeout (whose ky cause holds the Request) prints no Authorization header', async () => {
    const daraja = createDaraja({
      ...options,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    });
    const text = await printed(() => daraja.getAccessToken());
    expect(text).toContain('timeout');
    expect(text).not.toContain(basic);
    expect(text).not.toContain('consumer-secret-value');
  });

  it('a network failure whose cause carries the request prints no Authorization header', async () => {
    const daraja = createDaraja({
      ...options,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        throw Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNREFUSED'), {
            code: 'ECONNREFUSED',
            request,
          }),
          request,
        });
      },
    });
    const text = await printed(() => daraja.getAccessToken());
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toContain(basic);
  });
});

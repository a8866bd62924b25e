import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { buildStkCallback } from '@malipo/daraja/testing';
import { darajaCallback, type NextDarajaCallbackOptions } from '@malipo/next/daraja';
import next from 'next';
import type { after } from 'next/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

const dir = fileURLToPath(new URL('./fixture-app', import.meta.url));
const token = 'cb_9f86d081884c7d659a2feaa0c55ad015';

interface NextFixture {
  url: string;
  close(): Promise<void>;
}

let fixture: Promise<NextFixture> | undefined;

/**
 * One real Next dev server (webpack) in this process for the whole file. The fixture's routes
 * read the current test's options from `globalThis.__malipoNextFixture` at request time.
 */
function startNext(): Promise<NextFixture> {
  fixture ??= (async () => {
    const app = next({ dev: true, webpack: true, dir, hostname: '127.0.0.1', port: 0 });
    await app.prepare();
    const handle = app.getRequestHandler();
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async close() {
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await app.close();
      },
    };
  })();
  return fixture;
}

/** Mounts the test's options on the running server; the routes live under `prefix`. */
function mountAt(prefix: string) {
  return async (options: MountOptions): Promise<AdapterServer> => {
    const { url } = await startNext();
    globalThis.__malipoNextFixture = options;
    return { url: `${url}${prefix}`, close: async () => {} };
  };
}

const routes = [
  '/webhooks',
  '/parsed/webhooks',
  `/mpesa/callback/${token}`,
  `/parsed/mpesa/callback/${token}`,
  '/api/webhooks',
  '/api/parsed/webhooks',
  `/api/mpesa/callback/${token}`,
  `/api/parsed/mpesa/callback/${token}`,
];

beforeAll(async () => {
  const { url } = await mountAt('')({
    webhook: { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', onEvent: () => {} },
    daraja: { pathToken: token, allowlist: false, onCallback: () => {} },
  });
  // Dev mode compiles a route on its first request: do it here, not inside a timed test.
  for (const route of routes) {
    await (await fetch(`${url}${route}`, { method: 'POST', body: '{}' })).arrayBuffer();
  }
}, 120_000);

afterAll(async () => {
  await (await fixture)?.close();
}, 30_000);

describeAdapterContract('next (app router)', {
  mountingFix: /export const POST = malipoWebhook/,
  start: mountAt(''),
  startBehindJsonParser: mountAt('/parsed'),
});

describeAdapterContract('next (pages router)', {
  mountingFix: /export const config = \{ api: \{ bodyParser: false \} \}/,
  start: mountAt('/api'),
  startBehindJsonParser: mountAt('/api/parsed'),
});

describe('next Daraja guard: where the caller address comes from', () => {
  const settled: string[] = [];
  const onCallback = (callback: { checkoutRequestId: string }) => {
    settled.push(callback.checkoutRequestId);
  };

  it('App Router: without getRemoteAddress it refuses to start, naming the fix', () => {
    expect(() => darajaCallback({ pathToken: token, onCallback })).toThrow(/getRemoteAddress/);
    expect(() => darajaCallback({ pathToken: token, onCallback })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'getRemoteAddress' }),
    );
    // The guard's own options are checked first, whatever the adapter adds.
    expect(() => darajaCallback({ pathToken: 'short', onCallback })).toThrow(
      expect.objectContaining({ name: 'WebhookOptionsError', field: 'pathToken' }),
    );
    expect(() => darajaCallback({ pathToken: token, onCallback, allowlist: false })).not.toThrow();
    expectTypeOf<typeof after>().toExtend<NextDarajaCallbackOptions['waitUntil']>();
  });

  it('Pages Router: reads the socket, so a forged X-Forwarded-For is not believed', async () => {
    const mounted = await mountAt('/api')({
      webhook: { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', onEvent: () => {} },
      daraja: { pathToken: token, allowlist: { allow: ['196.201.214.200'] }, onCallback },
    });
    const response = await fetch(`${mounted.url}/mpesa/callback/${token}`, {
      method: 'POST',
      body: JSON.stringify(buildStkCallback({ checkoutRequestId: 'ws_CO_forged', amount: 1 })),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '196.201.214.200' },
    });
    expect(response.status).toBe(403);
    expect(settled).toEqual([]);
  });
});

import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createDaraja, createMemoryTokenStore, type DarajaOptions } from '../../src/index.js';
import {
  createDarajaSimulator,
  type DarajaSimulator,
  type DarajaSimulatorOptions,
  sandbox,
} from '../../src/testing/index.js';
import { darajaHandlers } from '../../src/testing/msw/index.js';

/** The sandbox URL: tests talk to it exactly as production code would, msw answers. */
export const baseUrl = sandbox.baseUrl;
export const server = setupServer();
export const callbackUrl = 'https://merchant.example/mpesa/callback';

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const simulators: DarajaSimulator[] = [];
afterEach(() => {
  for (const simulator of simulators.splice(0)) simulator.close();
});

/** A fresh simulator behind the sandbox URL and a client with its own token store. */
export function simulatedDaraja(
  simulatorOptions: DarajaSimulatorOptions = {},
  clientOptions: Partial<DarajaOptions> = {},
) {
  const simulator = createDarajaSimulator({
    consumerKey: 'key',
    consumerSecret: 'secret',
    ...simulatorOptions,
  });
  simulators.push(simulator);
  const callbacks: unknown[] = [];
  server.use(
    ...darajaHandlers(simulator, { baseUrl }),
    // The merchant's callback endpoint, receiving what the simulator posts.
    http.post(callbackUrl, async ({ request }) => {
      callbacks.push(await request.json());
      return HttpResponse.json({ ResultCode: 0, ResultDesc: 'Accepted' });
    }),
  );
  const daraja = createDaraja({
    environment: 'sandbox',
    consumerKey: 'key',
    consumerSecret: 'secret',
    shortcode: sandbox.shortcode,
    passkey: sandbox.passkey,
    callbackUrl,
    tokenStore: createMemoryTokenStore(),
    retry: { limit: 3, backoffLimitMs: 20 },
    ...clientOptions,
  });
  return { simulator, daraja, callbacks };
}

/** Records every request msw sees, by path. */
export function recordRequests(): string[] {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  return seen;
}

export const validPush = {
  amount: 10,
  phone: '0708374149',
  accountReference: 'INV-001',
  transactionDesc: 'Order 1',
};

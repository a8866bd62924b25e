import { createDaraja, createMemoryTokenStore } from '../src/index.js';
import { createDarajaSimulator, sandbox } from '../src/testing/index.js';

const calls = 2_000;

/**
 * OAuth requests made under load: our cache beside the "token per call" pattern of the most
 * downloaded npm Daraja packages (research notes §1), against the in-process simulator.
 */
export async function benchTokenCacheLoad(): Promise<void> {
  const simulator = createDarajaSimulator({ callbackDelayMs: 3_600_000 });
  const handle = async (input: RequestInfo | URL, init?: RequestInit) =>
    simulator.handle(new Request(input, init));
  const daraja = createDaraja({
    environment: { baseUrl: 'https://daraja.simulator' },
    consumerKey: 'bench',
    consumerSecret: 'bench',
    shortcode: sandbox.shortcode,
    passkey: sandbox.passkey,
    callbackUrl: 'https://shop.example/cb',
    tokenStore: createMemoryTokenStore(),
    fetch: handle,
  });
  const push = {
    amount: 1,
    phone: '0712000000',
    accountReference: 'LOAD',
    transactionDesc: 'Load test',
  };

  let started = performance.now();
  await Promise.all(Array.from({ length: calls }, () => daraja.stkPush(push)));
  const oursMs = performance.now() - started;
  const oursOauth = simulator.stats.oauthRequests;

  // Baseline: fetch a token before every call, as mpesa-node and mpesa-api do.
  const before = simulator.stats.oauthRequests;
  started = performance.now();
  await Promise.all(
    Array.from({ length: calls }, async () => {
      const tokenResponse = await handle(
        'https://daraja.simulator/oauth/v1/generate?grant_type=client_credentials',
        {
          headers: { Authorization: `Basic ${btoa('bench:bench')}` },
        },
      );
      const { access_token } = (await tokenResponse.json()) as { access_token: string };
      return access_token;
    }),
  );
  const naiveMs = performance.now() - started;
  const naiveOauth = simulator.stats.oauthRequests - before;
  simulator.close();

  console.log(`\nToken cache under load (${calls.toLocaleString('en')} concurrent STK pushes)`);
  console.log(
    `  @malipo/daraja            OAuth requests: ${String(oursOauth).padStart(6)}   (${oursMs.toFixed(0)} ms for pushes incl. tokens)`,
  );
  console.log(
    `  token per call (baseline) OAuth requests: ${String(naiveOauth).padStart(6)}   (${naiveMs.toFixed(0)} ms for the token fetches alone)`,
  );
  console.log(`  ratio: ${naiveOauth / oursOauth}× fewer OAuth requests`);
}

import { afterEach } from 'vitest';
import {
  acceptC2bValidation,
  acknowledgeC2bConfirmation,
  acknowledgeResult,
  createDaraja,
  createMemoryTokenStore,
  type DarajaOptions,
  type DarajaResult,
  parseDarajaResult,
} from '../../src/index.js';
import { createSecurityCredential } from '../../src/security-credential/node.js';
import {
  createDarajaSimulator,
  type DarajaSimulator,
  type DarajaSimulatorOptions,
  sandbox,
} from '../../src/testing/index.js';

/** A real credential: the sandbox test password encrypted with Safaricom's sandbox certificate. */
export const initiator = {
  name: 'testapi',
  securityCredential: createSecurityCredential('Safaricom999!*!', 'sandbox'),
};

export const resultUrl = 'https://merchant.example/daraja/result';
export const queueTimeoutUrl = 'https://merchant.example/daraja/timeout';
export const confirmationUrl = 'https://merchant.example/c2b/confirmation';
export const validationUrl = 'https://merchant.example/c2b/validation';

const simulators: DarajaSimulator[] = [];
afterEach(() => {
  for (const simulator of simulators.splice(0)) simulator.close();
});

/** One POST the simulator made to the merchant. */
export interface Received {
  url: string;
  body: unknown;
}

/**
 * A simulator handled in-process (the client's `fetch` calls `simulator.handle`), whose results
 * and C2B requests arrive through its `fetch` option, answered the way a merchant would.
 * Results wait for `simulator.flush()`.
 */
export function inProcessDaraja(
  simulatorOptions: DarajaSimulatorOptions = {},
  clientOptions: Partial<DarajaOptions> = {},
  answerValidation: (body: unknown) => Response = () => acceptC2bValidation(),
) {
  const received: Received[] = [];
  const simulator = createDarajaSimulator({
    consumerKey: 'key',
    consumerSecret: 'secret',
    callbackDelayMs: 60_000,
    initiator,
    fetch: async (url, init) => {
      const body: unknown = JSON.parse(String(init?.body));
      received.push({ url: String(url), body });
      if (String(url) === validationUrl) return answerValidation(body);
      if (String(url) === confirmationUrl) return acknowledgeC2bConfirmation();
      return acknowledgeResult();
    },
    ...simulatorOptions,
  });
  simulators.push(simulator);
  let oauthFetches = 0;
  const daraja = createDaraja({
    environment: { baseUrl: 'https://daraja.simulator' },
    consumerKey: 'key',
    consumerSecret: 'secret',
    shortcode: sandbox.shortcode,
    passkey: sandbox.passkey,
    initiator,
    resultUrl,
    queueTimeoutUrl,
    tokenStore: createMemoryTokenStore(),
    retry: { limit: 3, backoffLimitMs: 20 },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname.startsWith('/oauth')) oauthFetches++;
      return simulator.handle(request);
    },
    ...clientOptions,
  });
  /** Parsed results posted to `url` (the result URL by default), oldest first. */
  const results = (url = resultUrl): DarajaResult[] =>
    received.filter((r) => r.url === url).map((r) => parseDarajaResult(r.body));
  return { simulator, daraja, received, results, oauthFetches: () => oauthFetches };
}

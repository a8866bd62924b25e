// Bundled for the browser and run inside an Edge Runtime VM, which has web globals only.
import {
  createDaraja,
  darajaTimestamp,
  parseC2bRequest,
  parseDarajaResult,
  parseStkCallback,
  readB2cResult,
  stkPassword,
} from '../../dist/index.js';
import { buildStkCallback } from '../../src/testing/callback-builders.js';
import { capturedPayloads } from '../../src/testing/captured-payloads.js';
import { createDarajaSimulator } from '../../src/testing/simulator/create-simulator.js';

const scope = globalThis as unknown as Record<string, unknown>;

scope.runEdgeChecks = async () => {
  const simulator = createDarajaSimulator({ callbackDelayMs: 10_000 });
  const daraja = createDaraja({
    environment: { baseUrl: 'https://daraja.simulator' },
    consumerKey: 'edge-key',
    consumerSecret: 'edge-secret',
    shortcode: '174379',
    passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
    callbackUrl: 'https://shop.example/cb',
    fetch: async (input, init) => simulator.handle(new Request(input, init)),
  });
  const pushes = await Promise.all(
    [1, 2, 3].map(() =>
      daraja.stkPush({
        amount: 5,
        phone: '0708374149',
        accountReference: 'EDGE',
        transactionDesc: 'Edge test',
      }),
    ),
  );
  const pending = await daraja.stkQuery({ checkoutRequestId: pushes[0]!.checkoutRequestId });
  await simulator.settle(pushes[0]!.checkoutRequestId);
  const completed = await daraja.stkQuery({ checkoutRequestId: pushes[0]!.checkoutRequestId });
  simulator.close();
  const callback = parseStkCallback(JSON.stringify(buildStkCallback({ amount: 5 })));
  return {
    globals: {
      process: typeof scope.process,
      Buffer: typeof scope.Buffer,
      require: typeof scope.require,
    },
    password: stkPassword(
      '174379',
      'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
      '20210628092408',
    ),
    timestamp: darajaTimestamp(Date.UTC(2024, 1, 29, 21, 30, 5)),
    oauthRequests: simulator.stats.oauthRequests,
    pending: pending.status,
    completed: completed.status,
    callback: callback.status === 'completed' ? callback.amountCents : -1,
    b2cResult: readB2cResult(parseDarajaResult(JSON.stringify(capturedPayloads.b2cResultSuccess)))
      .amountCents,
    c2b: parseC2bRequest(JSON.stringify(capturedPayloads.c2bConfirmation)).amountCents,
  };
};

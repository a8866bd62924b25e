// Run by scripts/check-package.mjs from the packed tarball: Daraja constructed and an STK push
// made (against the package's own simulator) under both import and require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const [how, daraja, testing] of [
  ['import', await import('@malipo/daraja'), await import('@malipo/daraja/testing')],
  ['require', require('@malipo/daraja'), require('@malipo/daraja/testing')],
]) {
  const simulator = testing.createDarajaSimulator({ callbackDelayMs: 60_000 });
  const client = daraja.createDaraja({
    environment: { baseUrl: 'https://daraja.simulator' },
    consumerKey: 'k',
    consumerSecret: 's',
    shortcode: testing.sandbox.shortcode,
    passkey: testing.sandbox.passkey,
    callbackUrl: 'https://shop.example/mpesa/callback',
    fetch: async (input, init) => simulator.handle(new Request(input, init)),
  });
  const push = await client.stkPush({
    amount: 100,
    phone: '0708374149',
    accountReference: 'ORDER-1',
    transactionDesc: 'Order 1',
  });
  simulator.close();
  if (!/^ws_CO_/.test(push.checkoutRequestId)) {
    throw new Error(`${how}: unexpected push ${JSON.stringify(push)}`);
  }
  console.log(`use ok: @malipo/daraja (${how}): constructed, an STK push accepted`);
}

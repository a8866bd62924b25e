// Run by scripts/check-tarballs.mjs in a scratch project that installed the packed tarballs
// without msw, once from an ES module (load = import) and once from a CommonJS one (load =
// require), on Node 22 and 24: Daraja constructed and an STK push made against the package's own
// simulator, as the README's "runs as written" example does after its install command.

/** @param {(id: string) => Promise<any>} load `import()` or `require()` of a package name */
export default async function use(load, how) {
  const { createDaraja } = await load('@malipo/daraja');
  const { createDarajaSimulator, sandbox } = await load('@malipo/daraja/testing');
  const simulator = createDarajaSimulator({ callbackDelayMs: 60_000 });
  try {
    const daraja = createDaraja({
      environment: { baseUrl: 'https://daraja.simulator' },
      consumerKey: 'k',
      consumerSecret: 's',
      shortcode: sandbox.shortcode,
      passkey: sandbox.passkey,
      callbackUrl: 'https://shop.example/mpesa/callback',
      fetch: async (input, init) => simulator.handle(new Request(input, init)),
    });
    const push = await daraja.stkPush({
      amount: 100,
      phone: '0708374149',
      accountReference: 'ORDER-1',
      transactionDesc: 'Order 1',
    });
    if (!/^ws_CO_/.test(push.checkoutRequestId)) {
      throw new Error(`${how}: unexpected push ${JSON.stringify(push)}`);
    }
  } finally {
    simulator.close();
  }
  console.log(
    `use ok: @malipo/daraja (${how}): constructed, an STK push accepted by the simulator`,
  );
}

// Run by scripts/check-tarballs.mjs in a scratch project that installed the packed tarballs, once
// from an ES module (load = import) and once from a CommonJS one (load = require), on Node 22
// and 24: a request body checked and the OpenAPI document built; the /requests entry loaded.

/** @param {(id: string) => Promise<any>} load `import()` or `require()` of a package name */
export default async function use(load, how) {
  const contract = await load('@malipo/contract');
  const good = contract.createPaymentRequest.safeParse({
    amount_cents: 10_000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: '254708374149' },
  });
  const bad = contract.createPaymentRequest.safeParse({ amount_cents: 1.5, currency: 'KES' });
  const document = contract.buildOpenApiDocument();
  if (!good.success || bad.success || !document.paths['/api/v1/payments']) {
    throw new Error(`${how}: unexpected ${JSON.stringify({ good, bad })}`);
  }
  // The request side alone, as the client loads it.
  const { requestRoutes } = await load('@malipo/contract/requests');
  const refused = requestRoutes.createPayment.body.safeParse({ ammount_cents: 1, currency: 'KES' });
  if (refused.success || requestRoutes.createPayment.path !== '/api/v1/payments') {
    throw new Error(`${how}: @malipo/contract/requests: unexpected ${JSON.stringify(refused)}`);
  }
  console.log(
    `use ok: @malipo/contract (${how}): a body checked, the OpenAPI document built, /requests loaded`,
  );
}

// Run by scripts/check-package.mjs from the packed tarball: a request body checked and the
// OpenAPI document built, under both import and require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const [how, contract] of [
  ['import', await import('@malipo/contract')],
  ['require', require('@malipo/contract')],
]) {
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
  console.log(`use ok: @malipo/contract (${how}): a body checked, the OpenAPI document built`);
}

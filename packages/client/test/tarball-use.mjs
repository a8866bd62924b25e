// Run by scripts/check-package.mjs from the packed tarball: the client constructed and making one
// request under both import and require (export names alone once hid a CommonJS build that threw
// `ky.default.create is not a function` on construction).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const payment = {
  success: true,
  payment_id: 'pay_00000000000000000000',
  merchant_id: 'mer_00000000000000000000',
  status: 'COMPLETED',
  amount_cents: 10_000,
  amount_captured_cents: 10_000,
  amount_refunded_cents: 0,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  provider_reference: 'ws_CO_1',
  metadata: {},
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00.000Z',
};
const server = createServer((request, response) => {
  const ok =
    request.headers['x-api-key'] === 'k' &&
    request.url === `/api/v1/payments/${payment.payment_id}`;
  response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify(
      ok ? payment : { success: false, error: { code: 'INVALID_REQUEST', message: request.url } },
    ),
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
try {
  const require = createRequire(import.meta.url);
  for (const [how, module] of [
    ['import', await import('@malipo/client')],
    ['require', require('@malipo/client')],
  ]) {
    const client = new module.Malipo({ apiKey: 'k', apiSecret: 's', baseUrl, maxRetries: 0 });
    const found = await client.payments.retrieve(payment.payment_id);
    if (found.status !== 'COMPLETED' || found.$response.status !== 200) {
      throw new Error(`${how}: unexpected answer ${JSON.stringify(found)}`);
    }
    // An error answer comes back as the typed class, and the deprecated alias is the same class.
    const failed = await client.payments.retrieve('pay_missing').catch((error) => error);
    if (
      !(failed instanceof module.MalipoInvalidRequestError) ||
      !(failed instanceof module.MalipoApiError) ||
      module.MalipoAPIError !== module.MalipoApiError
    ) {
      throw new Error(`${how}: unexpected error ${failed?.name}: ${failed?.message}`);
    }
    console.log(`use ok: @malipo/client (${how}): constructed, one answer and one typed error`);
  }
} finally {
  server.close();
}

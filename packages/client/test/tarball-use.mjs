// Run by scripts/check-tarballs.mjs in a scratch project that installed the packed tarballs, once
// from an ES module (load = import) and once from a CommonJS one (load = require), on Node 22
// and 24: the client constructed and making one request (export names alone once hid a CommonJS
// build that threw `ky.default.create is not a function` on construction).
import { createServer } from 'node:http';

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

/** @param {(id: string) => Promise<any>} load `import()` or `require()` of a package name */
export default async function use(load, how) {
  const { Malipo, MalipoApiError, MalipoAPIError, MalipoInvalidRequestError } =
    await load('@malipo/client');
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
  try {
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    const client = new Malipo({ apiKey: 'k', apiSecret: 's', baseUrl, maxRetries: 0 });
    const found = await client.payments.retrieve(payment.payment_id);
    if (
      found.status !== 'COMPLETED' ||
      found.amount_cents !== 10_000 ||
      found.$response.status !== 200
    ) {
      throw new Error(`${how}: unexpected answer ${JSON.stringify(found)}`);
    }
    // An error answer comes back as the typed class, and the deprecated alias is the same class.
    const failed = await client.payments.retrieve('pay_missing').catch((error) => error);
    if (
      !(failed instanceof MalipoInvalidRequestError) ||
      !(failed instanceof MalipoApiError) ||
      MalipoAPIError !== MalipoApiError
    ) {
      throw new Error(`${how}: unexpected error ${failed?.name}: ${failed?.message}`);
    }
  } finally {
    server.close();
  }
  // Webhook verification lives in its own entry.
  const { Webhooks, WebhookVerificationError } = await load('@malipo/client/webhooks');
  const refused = await new Webhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
    .verify('{}', {})
    .catch((error) => error);
  if (!(refused instanceof WebhookVerificationError)) {
    throw new Error(`${how}: @malipo/client/webhooks: unexpected ${refused}`);
  }
  console.log(
    `use ok: @malipo/client (${how}): constructed, payments.retrieve answered, one typed error, /webhooks loaded`,
  );
}

// Bundled for the browser and run inside an Edge Runtime VM (web globals only).
import { Malipo, MalipoNotFoundError } from '../../dist/index.js';

const scope = globalThis as unknown as Record<string, unknown>;

const payment = {
  success: true,
  payment_id: 'pay_edge',
  merchant_id: 'mer_1',
  status: 'COMPLETED',
  amount_cents: 10_000,
  amount_captured_cents: 10_000,
  amount_refunded_cents: 0,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  provider_reference: 'ws_CO_1',
  metadata: {},
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:01.000Z',
};

scope.runEdgeChecks = async () => {
  const seen: string[] = [];
  // An in-VM gateway: the fetch a Worker would get from a service binding.
  const gateway = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(
      `${request.method} ${new URL(request.url).pathname} ${request.headers.get('idempotency-key') ? 'keyed' : 'unkeyed'}`,
    );
    if (request.url.endsWith('/missing')) {
      return Response.json(
        { success: false, error: { code: 'NOT_FOUND', message: 'no such payment' } },
        { status: 404, headers: { 'x-request-id': 'req_404' } },
      );
    }
    if (request.method === 'POST') {
      return Response.json(
        {
          success: true,
          payment_id: 'pay_edge',
          status: 'PENDING',
          provider_reference: null,
          created_at: payment.created_at,
        },
        { status: 201 },
      );
    }
    return Response.json(payment, { headers: { 'x-request-id': 'req_edge' } });
  };
  const malipo = new Malipo({
    apiKey: 'k',
    apiSecret: 's',
    baseUrl: 'https://gateway.edge',
    fetch: gateway,
  });
  const created = await malipo.payments.create({
    amount_cents: 10_000,
    currency: 'KES',
    provider: 'MPESA_SAFARICOM',
    metadata: { phone_number: '254712345678' },
  });
  const retrieved = await malipo.payments.retrieve('pay_edge');
  let notFound = '';
  try {
    await malipo.payments.retrieve('missing');
  } catch (error) {
    notFound = `${error instanceof MalipoNotFoundError}:${(error as { requestId: string }).requestId}`;
  }
  return {
    globals: {
      process: typeof scope.process,
      Buffer: typeof scope.Buffer,
      require: typeof scope.require,
    },
    created: created.payment_id,
    retrieved: `${retrieved.status}:${retrieved.$response.requestId}`,
    notFound,
    seen,
  };
};

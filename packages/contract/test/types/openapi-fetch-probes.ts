// Compiled by `pnpm typecheck` and by test/openapi-types.test.ts: an openapi-fetch program typed
// with the generated types, whose @ts-expect-error probes must each be a compile error.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi-types.js';

const client = createClient<paths>({
  baseUrl: 'http://127.0.0.1:8000',
  headers: { 'X-API-Key': 'sk_test_key', 'X-API-Secret': 'secret_test' },
});

export async function probes(): Promise<void> {
  const created = await client.POST('/api/v1/payments', {
    body: {
      amount_cents: 10_000,
      currency: 'KES',
      provider: 'MPESA_SAFARICOM',
      metadata: { phone_number: '254708374149' },
    },
  });
  if (!created.data) return;
  const { data: p } = await client.GET('/api/v1/payments/{payment_id}', {
    params: { path: { payment_id: created.data.payment_id } },
  });
  if (!p) return;
  const done: boolean = p.status === 'COMPLETED';
  // @ts-expect-error a misspelled field does not exist
  const misspelled = p.paymentId;
  // @ts-expect-error 'COMPLETE' is not a payment status
  const wrongStatus = p.status === 'COMPLETE';
  await client.POST('/api/v1/payments', {
    body: {
      amount_cents: 1,
      currency: 'KES',
      // @ts-expect-error the provider list is closed
      provider: 'MPESA',
    },
  });
  await client.POST('/api/v1/webhook-endpoints', {
    // @ts-expect-error an unknown webhook event type
    body: { url: 'https://shop.example.com/hooks', events: ['payment.done'] },
  });
  console.log(done, misspelled, wrongStatus);
}

import { createPaymentRequest, type Payment } from '@malipo/contract';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { paymentRecord } from './payment-record.js';

export const baseUrl = 'https://gateway.test';
export const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let counter = 0;
export const requestId = () => `req_${++counter}`;

export { paymentRecord };

const error = (status: number, code: string, message: string, field?: string) =>
  HttpResponse.json(
    { success: false, error: { code, message, ...(field ? { field } : {}) } },
    { status, headers: { 'x-request-id': requestId() } },
  );

/**
 * An in-memory gateway behind msw that implements create-payment with Stripe-semantics
 * idempotency, validated by the contract. `failAfterRecording` makes the first attempt of a key
 * record the payment and then answer 500, as a crash after commit would.
 */
export function fakeGateway(options: { failAfterRecording?: boolean } = {}) {
  const payments: Payment[] = [];
  const keys = new Map<string, { body: string; status: number; response: JsonBodyType }>();
  const seenKeys: string[] = [];
  let failedOnce = false;
  server.use(
    http.post(`${baseUrl}/api/v1/payments`, async ({ request }) => {
      if (
        request.headers.get('x-api-key') !== 'sk_test_key' ||
        request.headers.get('x-api-secret') !== 'secret_test'
      ) {
        return error(401, 'AUTHENTICATION_FAILED', 'Invalid API credentials');
      }
      const key = request.headers.get('idempotency-key') ?? '';
      seenKeys.push(key);
      const text = await request.text();
      const stored = keys.get(key);
      if (stored) {
        if (stored.body !== text)
          return error(422, 'IDEMPOTENCY_KEY_REUSED', 'Key reused with another body');
        return HttpResponse.json(stored.response, {
          status: stored.status,
          headers: { 'x-request-id': requestId() },
        });
      }
      const parsed = createPaymentRequest.safeParse(JSON.parse(text));
      if (!parsed.success)
        return error(
          400,
          'INVALID_REQUEST',
          parsed.error.issues[0]!.message,
          parsed.error.issues[0]!.path.join('.'),
        );
      const record = paymentRecord({ amount_cents: parsed.data.amount_cents });
      payments.push(record);
      const response = {
        success: true,
        payment_id: record.payment_id,
        status: 'PENDING',
        provider_reference: null,
        created_at: record.created_at,
      };
      keys.set(key, { body: text, status: 201, response });
      if (options.failAfterRecording && !failedOnce) {
        failedOnce = true;
        return error(500, 'INTERNAL_ERROR', 'crashed after commit');
      }
      return HttpResponse.json(response, { status: 201, headers: { 'x-request-id': requestId() } });
    }),
  );
  return { payments, seenKeys };
}

import type { TestGateway } from './harness.js';

/**
 * `POST /api/v1/payments` as a raw request with the gateway's test key and an Idempotency-Key:
 * for tests that read the answer's status, headers and bytes as sent.
 */
export function postPayment(gw: TestGateway, body: unknown, idempotencyKey: string) {
  return fetch(`${gw.url}/api/v1/payments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': gw.apiKey,
      'x-api-secret': gw.apiSecret,
      'idempotency-key': idempotencyKey,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

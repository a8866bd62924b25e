/**
 * @module
 * The gateway's Prometheus metrics: one prom-client `Registry` per gateway process (never the
 * global one, so several gateways in one test process keep their own counts), with Node's
 * default process metrics under the `malipo_` prefix. Labels take a fixed set of values only
 * (route patterns, providers, statuses): never an id, a phone or a URL.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds, from a fast read to Daraja's 30 s timeout. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What an STK callback route acknowledged: an STK callback, or an initiator API's result or queue timeout. */
export type CallbackKind = 'callback' | 'result' | 'timeout';

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

export function createGatewayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'malipo_' });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'malipo_http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status class (2xx, 4xx, 5xx…).',
      labelNames: ['route', 'method', 'status_class'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    paymentsCreated: new Counter({
      name: 'malipo_payments_created_total',
      help: 'Payments created through the API, by provider and the status the create call answered.',
      labelNames: ['provider', 'status'] as const,
      registers,
    }),
    paymentsSettled: new Counter({
      name: 'malipo_payments_settled_total',
      help: 'Payments that reached a terminal status, by provider and status (counted after commit).',
      labelNames: ['provider', 'status'] as const,
      registers,
    }),
    callbacksReceived: new Counter({
      name: 'malipo_mpesa_callbacks_received_total',
      help: 'M-Pesa callbacks, results and queue timeouts stored and acknowledged with 200.',
      labelNames: ['kind'] as const,
      registers,
    }),
    webhookAttempts: new Counter({
      name: 'malipo_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, failed, cancelled).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    webhookAttemptDuration: new Histogram({
      name: 'malipo_webhook_attempt_duration_seconds',
      help: 'How long one webhook attempt took, by outcome (delivered, failed).',
      labelNames: ['outcome'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    darajaRequests: new Counter({
      name: 'malipo_daraja_requests_total',
      help: 'HTTP requests to Daraja (each retry counts), by product and result (ok, http_4xx, http_5xx, network_error).',
      labelNames: ['product', 'result'] as const,
      registers,
    }),
    darajaRequestDuration: new Histogram({
      name: 'malipo_daraja_request_duration_seconds',
      help: 'Time to the response headers of one Daraja request, by product and result.',
      labelNames: ['product', 'result'] as const,
      buckets: latencyBuckets,
      registers,
    }),
  };
}

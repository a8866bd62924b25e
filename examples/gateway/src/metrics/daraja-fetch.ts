import type { GatewayMetrics } from './gateway-metrics.js';

/** Daraja's path segment after `/mpesa/` → the product label; anything else is `other`. */
const products: Record<string, string> = {
  stkpush: 'stkpush',
  stkpushquery: 'stkpushquery',
  b2c: 'b2c',
  reversal: 'reversal',
  transactionstatus: 'transactionstatus',
  accountbalance: 'balance',
  c2b: 'c2b',
};

/** The product a Daraja URL calls, from its path (the simulator's sits under a prefix). */
export function darajaProduct(url: string): string {
  const path = new URL(url).pathname;
  if (/\/oauth\//.test(path)) return 'oauth';
  const segment = /\/mpesa\/([a-z0-9]+)\//i.exec(path)?.[1]?.toLowerCase();
  return (segment && products[segment]) ?? 'other';
}

/**
 * A `fetch` for `@malipo/daraja`'s `fetch` option that counts and times every request it makes,
 * retries included. The client resolves `globalThis.fetch` per call (so test interceptors
 * installed later still apply); this does the same. A 200 with a Daraja error body is still `ok`
 * here: what the product answered is the service's business, how Daraja's HTTP held up is ours.
 */
export function timedDarajaFetch(metrics: GatewayMetrics): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const product = darajaProduct(url);
    const started = performance.now();
    const observe = (result: string) => {
      const labels = { product, result };
      metrics.darajaRequests.inc(labels);
      metrics.darajaRequestDuration.observe(labels, (performance.now() - started) / 1000);
    };
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      observe('network_error');
      throw error;
    }
    observe(response.status >= 500 ? 'http_5xx' : response.status >= 400 ? 'http_4xx' : 'ok');
    return response;
  };
}

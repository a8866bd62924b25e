import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import { Bench } from 'tinybench';
import { Malipo } from '../src/index.js';

const payment = {
  success: true,
  payment_id: 'pay_1',
  merchant_id: 'mer_1',
  status: 'COMPLETED',
  amount_cents: 10_000,
  amount_captured_cents: 10_000,
  amount_refunded_cents: 0,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  provider_reference: 'ws_CO_1',
  metadata: { order_reference: 'A1' },
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:01.000Z',
};
const body = JSON.stringify(payment);

/** Per-request overhead of the client (headers, retries setup, validation) beside a bare fetch, over loopback. */
export async function benchRequestOverhead(): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const malipo = new Malipo({ apiKey: 'k', apiSecret: 's', baseUrl: base });
  const headers = { 'x-api-key': 'k', 'x-api-secret': 's', accept: 'application/json' };
  // The HTTP library the product card fixes, configured as the client configures it: how much of
  // the overhead is ky's own.
  const kyAlone = ky.create({ headers, timeout: 30_000, retry: { limit: 2 } });

  const bench = new Bench({ time: 3000, warmup: true });
  bench
    .add('bare fetch + JSON.parse', async () => {
      const response = await fetch(`${base}/api/v1/payments/pay_1`, { headers });
      JSON.parse(await response.text());
    })
    .add('ky alone (same retry and timeout)', async () => {
      await kyAlone.get(`${base}/api/v1/payments/pay_1`).json();
    })
    .add('@malipo/client payments.retrieve', async () => {
      await malipo.payments.retrieve('pay_1');
    });
  await bench.run();
  server.close();
  type Row = { name: string; ms: number; p99: number };
  const [bare, kyOnly, ours] = bench.tasks.map((task) => {
    if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
    return { name: task.name, ms: task.result.latency.mean, p99: task.result.latency.p99 };
  }) as [Row, Row, Row];
  console.log('\nPer-request overhead over loopback (mean latency per request)');
  for (const row of [bare, kyOnly, ours])
    console.log(
      `  ${row.name.padEnd(36)} ${(row.ms * 1000).toFixed(0).padStart(6)} µs   p99 ${(row.p99 * 1000).toFixed(0)} µs`,
    );
  const overhead = (ours.ms - bare.ms) / bare.ms;
  console.log(
    `  overhead: ${((ours.ms - bare.ms) * 1000).toFixed(0)} µs per request, ${(overhead * 100).toFixed(1)}% of the bare fetch round trip (goal < 10%: ${overhead < 0.1 ? 'met' : 'not met'}); ky alone: ${((kyOnly.ms - bare.ms) * 1000).toFixed(0)} µs`,
  );
}

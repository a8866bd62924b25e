import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import { Malipo } from '../src/index.js';

/** What the client may add to ky's own work per request. */
const goalMicros = 25;

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
const answer = {
  status: 200,
  headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' },
};
const headers = { 'x-api-key': 'k', 'x-api-secret': 's', accept: 'application/json' };
const create = {
  amount_cents: 10_000,
  currency: 'KES',
  provider: 'MPESA_SAFARICOM',
  metadata: { phone_number: '254712345678' },
} as const;

type Task = [name: string, run: () => Promise<unknown>];

/**
 * µs per request of each task: batches run in turn (round robin) and the fastest batch of each
 * task kept. Taking turns gives every task the same machine, and the fastest batch is the one a
 * busy, shared runner disturbed least: other processes only ever add time, so the minimum is the
 * steadiest estimate of a task's own cost (medians here moved by 10× between runs).
 */
async function measure(tasks: Task[], { rounds = 40, batch = 100 } = {}): Promise<number[]> {
  const fastest = tasks.map(() => Number.POSITIVE_INFINITY);
  for (const [, run] of tasks) for (let i = 0; i < batch; i++) await run(); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [index, [, run]] of tasks.entries()) {
      const started = performance.now();
      for (let i = 0; i < batch; i++) await run();
      const micros = ((performance.now() - started) * 1000) / batch;
      fastest[index] = Math.min(fastest[index]!, micros);
    }
  }
  return fastest;
}

function report(title: string, tasks: Task[], micros: number[]) {
  console.log(`\n${title}`);
  for (const [index, [name]] of tasks.entries())
    console.log(`  ${name.padEnd(44)} ${micros[index]!.toFixed(1).padStart(8)} µs`);
}

function verdict(label: string, micros: number) {
  const met = micros <= goalMicros ? 'met' : 'not met';
  console.log(`  ${label}: ${micros.toFixed(1)} µs (goal ≤ ${goalMicros} µs: ${met})`);
}

/**
 * The client's own per-request work (validation, idempotency key, retry state, body deadline,
 * typed answer) on top of ky, the HTTP library it is built on: once with a `fetch` that answers at
 * once, which leaves only the CPU work each layer adds (the figure the goal is about, steady to a
 * few µs), and once over loopback to a local server, where a busy machine moves every figure by
 * tens of µs.
 */
export async function benchRequestOverhead(): Promise<void> {
  const instant = (async () => new Response(body, answer)) as unknown as typeof fetch;
  const server = createServer((_req, res) => {
    res.writeHead(answer.status, answer.headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/api/v1/payments/pay_1`;
  const sections = [
    { title: 'in memory (a fetch that answers at once)', fetch: instant, rounds: 40, batch: 100 },
    { title: 'over loopback (a local HTTP server)', fetch: undefined, rounds: 120, batch: 40 },
  ];
  try {
    for (const { title, fetch: given, rounds, batch } of sections) {
      const fetchImpl = given ?? globalThis.fetch;
      const malipo = new Malipo({ apiKey: 'k', apiSecret: 's', baseUrl: base, fetch: given });
      // The HTTP library the product card fixes, configured as the client configures it: how
      // much of the time is ky's own.
      const kyAlone = ky.create({ headers, timeout: 30_000, retry: { limit: 2 }, fetch: given });
      const tasks: Task[] = [
        [
          'fetch + JSON.parse',
          async () => JSON.parse(await (await fetchImpl(url, { headers })).text()),
        ],
        ['ky alone GET (same retry and timeout)', () => kyAlone.get(url).json()],
        ['@malipo/client payments.retrieve', () => malipo.payments.retrieve('pay_1')],
        [
          // The same request as the client sends: a fresh key per call, as it makes one.
          'ky alone POST (JSON body, Idempotency-Key)',
          () =>
            kyAlone
              .post(`${base}/api/v1/payments`, {
                json: create,
                headers: { 'idempotency-key': `malipo-client-${crypto.randomUUID()}` },
              })
              .json(),
        ],
        ['@malipo/client payments.create', () => malipo.payments.create(create)],
      ];
      const micros = await measure(tasks, { rounds, batch });
      report(`Per-request time ${title}, fastest of ${rounds} rounds of ${batch}`, tasks, micros);
      verdict('our layer over ky alone, retrieve', micros[2]! - micros[1]!);
      verdict('our layer over ky alone, create (body checked)', micros[4]! - micros[3]!);
    }
  } finally {
    server.close();
  }
}

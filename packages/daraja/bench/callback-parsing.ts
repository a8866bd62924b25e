import { Bench } from 'tinybench';
import { parseStkCallback } from '../src/index.js';
import { buildStkCallback, capturedPayloads } from '../src/testing/index.js';

/** Callback parsing beside `JSON.parse` alone on the same payloads: the ratio is the cost of our checks. */
export async function benchCallbackParsing(): Promise<void> {
  const payloads = [
    capturedPayloads.callbackSuccessWithBalance,
    capturedPayloads.callbackSuccessReordered,
    capturedPayloads.callbackCancelled,
    capturedPayloads.callbackTimeout,
    buildStkCallback({ amount: 2500, phone: '254712345678' }),
  ].map((p) => JSON.stringify(p));

  let sink = 0;
  const bench = new Bench({ time: 1500, warmup: true });
  bench
    .add('JSON.parse alone', () => {
      for (const text of payloads) sink += (JSON.parse(text) as object) ? 1 : 0;
    })
    .add('parseStkCallback (JSON text in, typed result out)', () => {
      for (const text of payloads) sink += parseStkCallback(text).code.length;
    });
  await bench.run();

  const [baseline, ours] = bench.tasks.map((t) => {
    if (t.result.state !== 'completed') throw new Error(`${t.name}: ${t.result.state}`);
    return {
      name: t.name,
      perSecond: t.result.throughput.mean * payloads.length,
      rme: t.result.throughput.rme,
    };
  }) as [
    { name: string; perSecond: number; rme: number },
    { name: string; perSecond: number; rme: number },
  ];
  console.log('\nCallback parsing (callbacks per second, same 5 payloads)');
  for (const row of [baseline, ours]) {
    console.log(
      `  ${row.name.padEnd(52)} ${Math.round(row.perSecond).toLocaleString('en').padStart(12)}/s  ±${row.rme.toFixed(1)}%`,
    );
  }
  console.log(
    `  ratio: parseStkCallback runs at ${(ours.perSecond / baseline.perSecond).toFixed(2)}× the speed of JSON.parse alone (${(baseline.perSecond / ours.perSecond).toFixed(2)}× its cost)`,
  );
  if (sink === -1) console.log(sink);
}

import autocannon from 'autocannon';

export const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
/**
 * Each run is preceded by this much of the same load, not counted: V8 compiles hot code and the
 * pools open their connections first, for the floors and the gateway alike.
 */
export const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

/** One load run's figures. */
export interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export type LoadOptions = autocannon.Options;

/**
 * Loads one URL for `seconds` over `connections` keep-alive connections (autocannon, in a worker
 * thread; `BENCH_WORKERS=0` keeps it on the main thread), after `warmupSeconds` of the same load
 * whose figures are dropped.
 */
export async function load(options: LoadOptions): Promise<Run> {
  const result = await autocannon({
    duration: seconds,
    connections,
    // The load comes from a thread of its own: sharing the measured server's event loop, it
    // would slow the server and read each answer only when the server's next task ended.
    workers: Number(process.env.BENCH_WORKERS ?? 1) || undefined,
    ...(warmupSeconds > 0 ? { warmup: { duration: warmupSeconds, connections } } : {}),
    ...options,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

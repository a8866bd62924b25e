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
 * Loads one URL for `seconds` over `connections` keep-alive connections (autocannon), after
 * `warmupSeconds` of the same load whose figures are dropped.
 */
export async function load(options: LoadOptions): Promise<Run> {
  const result = await autocannon({
    duration: seconds,
    connections,
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

import autocannon from 'autocannon';

export const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

/** One load run's figures. */
export interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export type LoadOptions = autocannon.Options;

/** Loads one URL for `seconds` over `connections` keep-alive connections (autocannon). */
export async function load(options: LoadOptions): Promise<Run> {
  const result = await autocannon({ duration: seconds, connections, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Destinations (URL origins) whose last attempt timed out or answered slowly, remembered by one
 * worker process for `forgetAfterMs`. Their deliveries go to a lane of their own, so a receiver
 * that stalls (or a merchant that registers many that do) holds up only other slow receivers,
 * never every merchant's webhooks in the batches it shares with them.
 */
export interface SlowDestinations {
  isSlow(url: string): boolean;
  /**
   * Records how long an attempt at `url` took: a slow one marks its origin (again) for
   * `forgetAfterMs`. A fast one clears nothing: a receiver alternating stalls and quick answers
   * would otherwise be back among everyone's deliveries after each quick one.
   */
  record(url: string, durationMs: number): void;
}

export function createSlowDestinations(options: {
  /** An attempt at least this long marks its origin slow. */
  slowMs: number;
  forgetAfterMs?: number;
  /** Origins remembered at most (the oldest are forgotten first). */
  max?: number;
  now?: () => number;
}): SlowDestinations {
  const { slowMs, forgetAfterMs = 600_000, max = 10_000, now = Date.now } = options;
  const until = new Map<string, number>();
  const originOf = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };
  return {
    isSlow(url) {
      const origin = originOf(url);
      const expires = until.get(origin);
      if (expires === undefined) return false;
      if (expires > now()) return true;
      until.delete(origin);
      return false;
    },
    record(url, durationMs) {
      if (durationMs < slowMs) return;
      const origin = originOf(url);
      until.delete(origin);
      until.set(origin, now() + forgetAfterMs);
      if (until.size > max) until.delete(until.keys().next().value as string);
    },
  };
}

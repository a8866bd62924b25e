/**
 * What the API in this process tells the outbox relay: a callback or result is arriving, and one
 * was stored. From it the relay knows when a burst is on — bodies arriving faster than
 * `perSecond`, `concurrent` of them in flight at once, or several in the last second taking over
 * `slowMs` to store (the database or the event loop is saturated: processing would make it
 * worse) — and holds processing back.
 */
export interface IngestSignal {
  /** A body starts arriving; call the answer when it is stored (or refused). */
  arriving(): (stored: boolean) => void;
  /** Whether a burst is on now. */
  busy(): boolean;
  /** Calls `listener` after each stored body (the relay's nudge). */
  onStored(listener: () => void): void;
}

export function createIngestSignal(burst: {
  perSecond: number;
  concurrent: number;
  slowMs: number;
}): IngestSignal {
  const rate = ratePerSecond();
  const slow = ratePerSecond();
  let inFlight = 0;
  let listener: (() => void) | undefined;
  return {
    arriving() {
      inFlight++;
      const started = performance.now();
      rate.record(started);
      let done = false;
      return (stored) => {
        if (done) return;
        done = true;
        inFlight--;
        const now = performance.now();
        if (now - started > burst.slowMs) slow.record(now);
        if (stored) listener?.();
      };
    },
    busy() {
      const now = performance.now();
      return (
        inFlight >= burst.concurrent ||
        rate.perSecond(now) > burst.perSecond ||
        slow.perSecond(now) >= 3
      );
    },
    onStored(next) {
      listener = next;
    },
  };
}

/** Counts events in four 250 ms buckets: the rate over the last second. */
function ratePerSecond() {
  const buckets = [0, 0, 0, 0];
  let current = 0;
  const advance = (now: number) => {
    const bucket = Math.floor(now / 250);
    if (bucket - current >= buckets.length) buckets.fill(0);
    else for (let b = current + 1; b <= bucket; b++) buckets[b % buckets.length] = 0;
    current = Math.max(current, bucket);
  };
  return {
    record(now: number) {
      advance(now);
      buckets[current % buckets.length] = (buckets[current % buckets.length] ?? 0) + 1;
    },
    perSecond(now: number): number {
      advance(now);
      return buckets.reduce((sum, n) => sum + n, 0);
    },
  };
}

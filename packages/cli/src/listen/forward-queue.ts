import type { GatewayEvent } from '@malipo/contract';

/** An event not yet answered with a 2xx, and when to try it again. */
export interface WaitingEvent {
  event: GatewayEvent;
  /** Tries so far. */
  attempts: number;
  /** Epoch milliseconds of the next try. */
  dueAt: number;
}

/** The wait after a failed try: 1 s, doubling, at most 30 s. */
export const retryDelayMs = (attempts: number) => Math.min(1_000 * 2 ** (attempts - 1), 30_000);

/**
 * The events `listen` still has to forward, oldest first. An event leaves only when the
 * receiver answers it with a 2xx: one that is down, failing or slow gets it again later, so a
 * restart of your server loses nothing.
 */
export function createForwardQueue() {
  let waiting: WaitingEvent[] = [];
  return {
    add(events: readonly GatewayEvent[]) {
      for (const event of events) waiting.push({ event, attempts: 0, dueAt: 0 });
    },
    /** The events due at `now`, oldest first. */
    due(now: number): WaitingEvent[] {
      return waiting.filter((entry) => entry.dueAt <= now);
    },
    delivered(entry: WaitingEvent) {
      waiting = waiting.filter((other) => other !== entry);
    },
    /** Notes a failed try; returns the milliseconds until the next. */
    failed(entry: WaitingEvent, now: number): number {
      entry.attempts += 1;
      const delay = retryDelayMs(entry.attempts);
      entry.dueAt = now + delay;
      return delay;
    },
    get size() {
      return waiting.length;
    },
  };
}

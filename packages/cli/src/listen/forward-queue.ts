import type { GatewayEvent } from '@malipo/contract';

/** An event not yet answered with a 2xx, and when to try it again. */
export interface WaitingEvent {
  event: GatewayEvent;
  /** Tries so far. */
  attempts: number;
  /** Answers so far that were not a 2xx (a wrong secret, a handler bug). */
  refusals: number;
  /** Epoch milliseconds of the next try. */
  dueAt: number;
}

/** The wait after a failed try: 1 s, doubling, at most 30 s. */
const retryDelayMs = (attempts: number) => Math.min(1_000 * 2 ** (attempts - 1), 30_000);

/**
 * Answers that are not a 2xx after which an event is given up: a receiver that answers (a 400
 * for a wrong `--secret`, a 3xx, a 500 from a bug) answers the same until it is changed. A
 * receiver that cannot be reached (restarting) is waited for, however long.
 */
export const maxRefusals = 5;

/** Events waiting at most; past it the oldest is given up (a receiver down for hours). */
export const maxWaiting = 10_000;

/**
 * The events `listen` still has to forward, oldest first. An event leaves when the receiver
 * answers it with a 2xx, or after {@link maxRefusals} other answers: one that is down or slow
 * gets it again later, so a restart of your server loses nothing.
 */
export function createForwardQueue() {
  let waiting: WaitingEvent[] = [];
  return {
    /** Adds events; returns those given up to stay within {@link maxWaiting}. */
    add(events: readonly GatewayEvent[]): GatewayEvent[] {
      for (const event of events) waiting.push({ event, attempts: 0, refusals: 0, dueAt: 0 });
      const over = waiting.length - maxWaiting;
      if (over <= 0) return [];
      const dropped = waiting.slice(0, over);
      waiting = waiting.slice(over);
      return dropped.map((entry) => entry.event);
    },
    /** The events due at `now`, oldest first. */
    due(now: number): WaitingEvent[] {
      return waiting.filter((entry) => entry.dueAt <= now);
    },
    /** When the next event is due (epoch milliseconds; infinity when none waits). */
    nextDueAt(): number {
      let soonest = Number.POSITIVE_INFINITY;
      for (const entry of waiting) if (entry.dueAt < soonest) soonest = entry.dueAt;
      return soonest;
    },
    /** Takes an event off: answered with a 2xx, or given up. */
    remove(entry: WaitingEvent) {
      waiting = waiting.filter((other) => other !== entry);
    },
    /**
     * Notes a failed try (`answered`: the receiver answered, not with a 2xx); returns the
     * milliseconds until the next, or undefined when the event is given up.
     */
    failed(entry: WaitingEvent, now: number, answered: boolean): number | undefined {
      entry.attempts += 1;
      if (answered) entry.refusals += 1;
      if (entry.refusals >= maxRefusals) {
        waiting = waiting.filter((other) => other !== entry);
        return undefined;
      }
      const delay = retryDelayMs(entry.attempts);
      entry.dueAt = now + delay;
      return delay;
    },
    /** Holds every event due before `until` off until then (the receiver cannot be reached). */
    holdUntil(until: number) {
      for (const entry of waiting) if (entry.dueAt < until) entry.dueAt = until;
    },
    get size() {
      return waiting.length;
    },
  };
}

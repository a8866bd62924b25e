import { buildTestEvent } from '@malipo/cli';
import { describe, expect, it } from 'vitest';
import { createForwardQueue, maxRefusals, maxWaiting } from '../src/listen/forward-queue.js';

const events = (count: number) =>
  Array.from({ length: count }, () => buildTestEvent('payment.completed'));

describe("listen's forward queue", () => {
  it('waits for a receiver that cannot be reached, however long, keeping the order', () => {
    const queue = createForwardQueue();
    const [first, second] = events(2);
    queue.add([first, second] as never);
    let now = 0;
    for (let i = 0; i < 50; i++) {
      const [entry] = queue.due(now);
      expect(entry?.event).toBe(first);
      const wait = queue.failed(entry as never, now, false) as number;
      expect(wait).toBeLessThanOrEqual(30_000);
      // Unreachable: everything waits with it, so the second never overtakes the first.
      queue.holdUntil(now + wait);
      expect(queue.due(now + wait - 1)).toEqual([]);
      now += wait;
    }
    expect(queue.due(now).map((entry) => entry.event)).toEqual([first, second]);
  });

  it('gives an event up after the receiver answered it with something else than a 2xx too often', () => {
    const queue = createForwardQueue();
    queue.add(events(1));
    const [entry] = queue.due(0);
    for (let i = 1; i < maxRefusals; i++) {
      expect(queue.failed(entry as never, 0, true)).toBeGreaterThan(0);
    }
    expect(queue.failed(entry as never, 0, true)).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('holds at most maxWaiting events, giving the oldest up', () => {
    const queue = createForwardQueue();
    const added = events(3);
    expect(queue.add(events(maxWaiting - 1))).toEqual([]);
    expect(queue.add(added)).toHaveLength(2);
    expect(queue.size).toBe(maxWaiting);
    expect(queue.nextDueAt()).toBe(0);
  });
});

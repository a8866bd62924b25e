import { describe, expect, it } from 'vitest';
import { createSlowDestinations } from '../src/webhooks/slow-destinations.js';

describe('slow destinations', () => {
  it('an origin stays slow after a quick answer, until its mark lapses', () => {
    let now = 0;
    const slow = createSlowDestinations({ slowMs: 3_000, forgetAfterMs: 60_000, now: () => now });
    slow.record('https://a.example/hook/1', 3_000);
    expect(slow.isSlow('https://a.example/other')).toBe(true);
    expect(slow.isSlow('https://b.example/hook')).toBe(false);
    // A receiver that alternates stalls and quick answers is not let back in by the quick ones.
    slow.record('https://a.example/hook/1', 5);
    expect(slow.isSlow('https://a.example/hook/1')).toBe(true);
    now = 59_999;
    expect(slow.isSlow('https://a.example/hook/1')).toBe(true);
    now = 60_000;
    expect(slow.isSlow('https://a.example/hook/1')).toBe(false);
  });

  it('remembers at most max origins, forgetting the oldest first', () => {
    const slow = createSlowDestinations({ slowMs: 1, max: 2 });
    for (const host of ['a', 'b', 'c']) slow.record(`https://${host}.example/`, 10);
    expect(['a', 'b', 'c'].map((host) => slow.isSlow(`https://${host}.example/`))).toEqual([
      false,
      true,
      true,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../src/internal/constant-time.js';

describe('constantTimeEqual', () => {
  const expected = 'k0v8Hq3cJ5m1o0p2Zr5Yw9s8Jq1bT6u3N4m2L5k7P0o=';

  it('is true only for the same characters and the same length', () => {
    expect(constantTimeEqual(expected, expected)).toBe(true);
    expect(constantTimeEqual(`${expected.slice(0, -1)}A`, expected)).toBe(false);
    expect(constantTimeEqual(`A${expected.slice(1)}`, expected)).toBe(false);
    // A prefix, a longer value that starts with it, and nothing at all.
    expect(constantTimeEqual(expected.slice(0, 10), expected)).toBe(false);
    expect(constantTimeEqual(`${expected}x`, expected)).toBe(false);
    expect(constantTimeEqual('', expected)).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('compares a range of the first string without slicing it', () => {
    const header = `v1,${expected} v1,other`;
    const end = header.indexOf(' ');
    expect(constantTimeEqual(header, expected, 3, end)).toBe(true);
    // The range ends one short: the next character (a space) must not make it equal.
    expect(constantTimeEqual(header, expected, 3, end - 1)).toBe(false);
    // A range past the end of the string reads nothing that could match.
    const short = `v1,${expected.slice(0, 20)}`;
    expect(constantTimeEqual(short, expected, 3, short.length)).toBe(false);
    // A range past the end is read as slice() reads it: only the characters there are.
    expect(constantTimeEqual(`v1,${expected}`, expected, 3, 3 + expected.length + 5)).toBe(true);
    expect(constantTimeEqual(`v1,${expected}`, `${expected}=`, 3, 3 + expected.length + 1)).toBe(
      false,
    );
    // So a missing character matches nothing, not even a NUL (NaN ^ 0 would be 0).
    expect(constantTimeEqual('xa', 'a\0', 1, 3)).toBe(false);
  });

  it('treats a NUL in the expected value like any other character', () => {
    expect(constantTimeEqual('ab', 'a\0')).toBe(false);
    expect(constantTimeEqual('a', 'a\0')).toBe(false);
    expect(constantTimeEqual('a\0', 'a\0')).toBe(true);
  });
});

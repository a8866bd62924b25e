/**
 * Compares `a` (from `aStart` to `aEnd`) with `b` in time that depends only on the lengths, never
 * on where they differ. Unlike `timingSafeEqual`, it never throws on a length mismatch: a short
 * or missing header is simply not equal. The range lets a caller compare one signature inside a
 * header (after its `v1,`, before the next space) without slicing it out.
 */
export function constantTimeEqual(a: string, b: string, aStart = 0, aEnd = a.length): boolean {
  const aLength = aEnd - aStart;
  const length = Math.max(aLength, b.length);
  // Unequal lengths already make `diff` non-zero; reading past `aEnd` then changes nothing.
  let diff = aLength ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(aStart + i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}

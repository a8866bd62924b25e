/**
 * Compares two strings in time that depends only on their lengths, never on where they differ.
 * Unlike `timingSafeEqual`, it never throws on a length mismatch: a short or missing header is
 * simply not equal. `aOffset` compares `a` from that index on (a signature after its `v1,`
 * prefix) without slicing it.
 */
export function constantTimeEqual(a: string, b: string, aOffset = 0): boolean {
  const aLength = a.length - aOffset;
  const length = Math.max(aLength, b.length);
  let diff = aLength ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i + aOffset) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}

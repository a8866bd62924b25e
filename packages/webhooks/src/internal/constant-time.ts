/**
 * Compares two strings in time that depends only on their lengths, never on where they differ.
 * Unlike `timingSafeEqual`, it never throws on a length mismatch: a short or missing header is
 * simply not equal.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}

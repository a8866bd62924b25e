/**
 * Compares `a` (from `aStart` to `aEnd`) with `b` in time that depends only on `b`'s length (the
 * expected value, never the caller's input), never on where they differ. Unlike
 * `timingSafeEqual`, it never throws on a length mismatch: a short or missing header is simply
 * not equal. The range lets a caller compare one signature inside a header (after its `v1,`,
 * before the next space) without slicing it out.
 */
export function constantTimeEqual(a: string, b: string, aStart = 0, aEnd = a.length): boolean {
  // A range past the string's end counts only the characters there are (else a NUL in `b` would
  // match the NaN read past the end, which `^` reads as 0). Unequal lengths already make `diff`
  // non-zero, so reading past `aEnd` (another entry, or past the end) changes nothing.
  const end = Math.min(aEnd, a.length);
  let diff = (end - aStart) ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= a.charCodeAt(aStart + i) ^ b.charCodeAt(i);
  return diff === 0;
}

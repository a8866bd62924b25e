import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API secrets are random and high-entropy, so a single SHA-256 is the right at-rest hash (as
 * Stripe and GitHub do for tokens): slow password hashes add nothing but latency per request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time check of a presented secret against its stored hash. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

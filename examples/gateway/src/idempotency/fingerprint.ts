import { createHash } from 'node:crypto';

/**
 * What makes two requests "the same" under one Idempotency-Key: the operation and its
 * parameters, compared as JSON values, not bytes (Stripe's rule). Key order and whitespace do
 * not matter; a different value anywhere does.
 */
export function requestFingerprint(operation: string, parameters: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(parameters)}`)
    .digest('hex');
}

/**
 * JSON with object keys sorted at every level. The input is a parsed request body that already
 * passed the depth check, so recursion is bounded.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${entries.join(',')}}`;
}

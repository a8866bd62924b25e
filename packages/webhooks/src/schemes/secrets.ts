import { WebhookVerificationError } from '../errors/webhook-error.js';

/** Normalises the `secret` option to a non-empty list of non-empty strings. */
export function secretList(secret: unknown): string[] {
  const list = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : undefined;
  if (!list || list.length === 0 || list.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'the `secret` option must be a non-empty string or a non-empty array of them.',
    );
  }
  return list as string[];
}

/** Small bounded memo for parsed secrets, so hot paths do not decode the same secret again. */
export function memo<T>(make: (key: string) => T, max = 256): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = make(key);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(key, value);
    }
    return value;
  };
}

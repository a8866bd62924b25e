import { WebhookVerificationError } from '../errors/webhook-error.js';

/** Normalises the `secret` option to a non-empty list of non-empty strings. */
export function secretList(secret: unknown): string[] {
  const list = typeof secret === 'string' ? [secret] : secret;
  if (
    Array.isArray(list) &&
    list.length > 0 &&
    list.every((s) => typeof s === 'string' && s.trim() !== '')
  ) {
    return list;
  }
  throw new WebhookVerificationError(
    'invalid_secret',
    'the `secret` option must be a non-empty string or a non-empty array of them.',
  );
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

/**
 * Turns a per-secret parser into one for the whole `secret` option, memoised. Most endpoints
 * verify with one secret string, passed again on every request: that one is checked first, by
 * identity, before any map lookup.
 */
export function secretParser<T>(parse: (secret: string) => T): (secret: unknown) => T[] {
  const parseSingle = memo((secret: string) => [parse(secret)]);
  let lastSecret: string | undefined;
  let lastParsed: T[] = [];
  return (secret) => {
    if (secret === lastSecret) return lastParsed;
    if (typeof secret !== 'string' || secret.trim() === '') {
      return secretList(secret).flatMap(parseSingle);
    }
    lastParsed = parseSingle(secret);
    lastSecret = secret;
    return lastParsed;
  };
}

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
      if (cache.size >= max) cache.clear();
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
  const parseOne = memo(parse);
  let lastSecret: unknown;
  let lastParsed: T[] = [];
  return (secret) => {
    if (secret === lastSecret) return lastParsed;
    const parsed = secretList(secret).map(parseOne);
    // An array may be changed in place between calls (a rotation): only a string is remembered.
    if (typeof secret === 'string') {
      lastSecret = secret;
      lastParsed = parsed;
    }
    return parsed;
  };
}

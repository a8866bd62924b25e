/**
 * How long a 429 or 503 asks to wait, read from the headers ky itself honours: `Retry-After`,
 * else `RateLimit-Reset`, `X-RateLimit-Retry-After`, `X-RateLimit-Reset` or
 * `X-Rate-Limit-Reset`. Each is delta-seconds or an IMF-fixdate HTTP date (a reset header may
 * also be unix seconds). Anything else (`-1`, `1.5`, a date `Date.parse` would guess at) is no
 * hint: `undefined`, never 0.
 */
export function retryWaitMs(headers: Headers): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) return waitMs(retryAfter, false);
  for (const [name, unixSecondsAllowed] of resetHeaders) {
    const value = headers.get(name);
    if (value !== null) return waitMs(value, unixSecondsAllowed);
  }
  return undefined;
}

const resetHeaders = [
  ['ratelimit-reset', true],
  ['x-ratelimit-retry-after', false],
  ['x-ratelimit-reset', true],
  ['x-rate-limit-reset', true],
] as const;

// A reset header's number from 2024 on is a unix time, as ky reads it; smaller ones are seconds.
const unixSecondsFrom = Date.UTC(2024, 0, 1) / 1000;
const imfFixdate =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function waitMs(raw: string, unixSecondsAllowed: boolean): number | undefined {
  const value = raw.trim();
  if (/^\d{1,12}$/.test(value)) {
    const seconds = Number(value);
    const ms =
      unixSecondsAllowed && seconds >= unixSecondsFrom
        ? seconds * 1000 - Date.now()
        : seconds * 1000;
    return Math.max(0, ms);
  }
  if (!imfFixdate.test(value)) return undefined;
  // Date.parse rolls 31 Feb over into March: only a date that formats back to itself counts.
  const date = Date.parse(value);
  if (Number.isNaN(date) || new Date(date).toUTCString() !== value) return undefined;
  return Math.max(0, date - Date.now());
}

import { DarajaValidationError } from '../errors/field-errors.js';

/** Africa/Nairobi is UTC+3 all year (no daylight saving), so a fixed offset is exact. */
const eatOffsetMs = 3 * 60 * 60 * 1000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The instants whose Kenyan time has a four-digit year. */
const minMs = Date.UTC(1000, 0, 1) - eatOffsetMs;
const maxMs = Date.UTC(10_000, 0, 1) - eatOffsetMs - 1;

/**
 * The `YYYYMMDDHHmmss` timestamp Daraja expects, in Kenyan time whatever the host's timezone.
 * Compute it once per request and use the same value for `Timestamp` and the password.
 *
 * @example darajaTimestamp(new Date('2021-06-28T06:24:08Z')) // '20210628092408'
 */
export function darajaTimestamp(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Number.NaN;
  // Four-digit years only: Daraja's format has no room for more (or for years before 0).
  if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
    throw new DarajaValidationError(
      'at',
      'expected a valid Date or epoch milliseconds between the years 1000 and 9999.',
    );
  }
  // Shift the instant by +3 h and read it with the UTC getters: no host timezone involved.
  const eat = new Date(ms + eatOffsetMs);
  return (
    pad(eat.getUTCFullYear(), 4) +
    pad(eat.getUTCMonth() + 1) +
    pad(eat.getUTCDate()) +
    pad(eat.getUTCHours()) +
    pad(eat.getUTCMinutes()) +
    pad(eat.getUTCSeconds())
  );
}

/**
 * Converts a Daraja `YYYYMMDDHHmmss` time (number or string, Kenyan time) to ISO 8601 with the
 * `+03:00` offset, e.g. `20191219102115` → `2019-12-19T10:21:15+03:00`. Returns `undefined`
 * when the value is not a valid calendar time.
 */
export function darajaTimeToIso(value: unknown): string | undefined {
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}+03:00`;
}

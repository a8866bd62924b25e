import { DarajaValidationError } from '../errors/field-errors.js';

/**
 * Normalises a Kenyan mobile number to the `2547XXXXXXXX` / `2541XXXXXXXX` form Daraja takes.
 * Accepts `07…`, `01…`, `7…`, `1…`, `254…` and `+254…`, with spaces, dashes, dots or brackets.
 * Anything else throws a {@link DarajaValidationError} naming `field`.
 *
 * @example normalizePhone('0712 345 678') // '254712345678'
 */
export function normalizePhone(input: string | number, field = 'phone'): string {
  if (typeof input !== 'string' && typeof input !== 'number') {
    throw new DarajaValidationError(field, `expected a phone number string, got ${typeof input}.`);
  }
  if (typeof input === 'number' && !Number.isSafeInteger(input)) {
    throw new DarajaValidationError(field, `${input} is not a phone number (pass it as a string).`);
  }
  const written = String(input).trim();
  // Separators go between digits: a "-" or "." first, last, doubled or after the "+" (spaces and
  // brackets aside) is a sign or a corrupted value, never part of a number (-712345678 would
  // otherwise read as 0712345678).
  if (/^[-.]|\+[-.]|[-.]{2}|[-.]$/.test(written.replace(/[\s()]/g, ''))) {
    throw new DarajaValidationError(field, `"${written}" is not a phone number.`);
  }
  const compact = written.replace(/[\s\-.()]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  // After a "+" only the country code may follow: +0712… and +712… are not numbers.
  if (!/^\d+$/.test(digits) || (compact.startsWith('+') && !digits.startsWith('254'))) {
    throw new DarajaValidationError(field, `"${String(input)}" is not a phone number.`);
  }
  let national: string | undefined;
  if (/^254[17]\d{8}$/.test(digits)) national = digits.slice(3);
  else if (/^0[17]\d{8}$/.test(digits)) national = digits.slice(1);
  else if (/^[17]\d{8}$/.test(digits)) national = digits;
  if (national === undefined) {
    throw new DarajaValidationError(
      field,
      `"${String(input)}" is not a Safaricom mobile number; expected 07XXXXXXXX, 01XXXXXXXX or 2547XXXXXXXX/2541XXXXXXXX.`,
    );
  }
  return `254${national}`;
}

import { DarajaValidationError } from '../errors/field-errors.js';
import { base64Utf8 } from '../internal/base64.js';
import { darajaTimeToIso } from './timestamp.js';

/**
 * The STK `Password`: `base64(shortcode + passkey + timestamp)`. Pass the same `timestamp` you
 * send in the request's `Timestamp` field; two clock reads a second apart make Daraja answer
 * `500.001.1001 Wrong credentials`.
 *
 * @example stkPassword('174379', sandboxPasskey, '20210628092408')
 */
export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  if (typeof shortcode !== 'string' || !/^\d{5,7}$/.test(shortcode)) {
    throw new DarajaValidationError(
      'shortcode',
      `expected 5 to 7 digits, got ${JSON.stringify(String(shortcode).slice(0, 20))}.`,
    );
  }
  if (typeof passkey !== 'string' || passkey.trim() === '')
    throw new DarajaValidationError('passkey', 'must be a non-empty string.');
  // A calendar time, as darajaTimestamp() makes it: 20241332256161 is fourteen digits, not a time.
  if (typeof timestamp !== 'string' || darajaTimeToIso(timestamp) === undefined) {
    throw new DarajaValidationError(
      'timestamp',
      `expected YYYYMMDDHHmmss (use darajaTimestamp()), got ${JSON.stringify(String(timestamp).slice(0, 20))}.`,
    );
  }
  return base64Utf8(`${shortcode}${passkey}${timestamp}`);
}

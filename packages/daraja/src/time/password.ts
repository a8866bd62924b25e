import { DarajaValidationError } from '../errors/field-errors.js';
import { base64Utf8 } from '../internal/base64.js';

/**
 * The STK `Password`: `base64(shortcode + passkey + timestamp)`. Pass the same `timestamp` you
 * send in the request's `Timestamp` field; two clock reads a second apart make Daraja answer
 * `500.001.1001 Wrong credentials`.
 *
 * @example stkPassword('174379', sandboxPasskey, '20210628092408')
 */
export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  if (!/^\d{5,7}$/.test(shortcode)) {
    throw new DarajaValidationError('shortcode', `expected 5 to 7 digits, got "${shortcode}".`);
  }
  if (passkey.trim() === '') throw new DarajaValidationError('passkey', 'must not be empty.');
  if (!/^\d{14}$/.test(timestamp)) {
    throw new DarajaValidationError(
      'timestamp',
      `expected YYYYMMDDHHmmss (use darajaTimestamp()), got "${timestamp}".`,
    );
  }
  return base64Utf8(`${shortcode}${passkey}${timestamp}`);
}

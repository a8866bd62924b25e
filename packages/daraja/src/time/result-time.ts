import { darajaTimeToIso } from './timestamp.js';

/**
 * Converts a time from a Daraja result (Kenyan time) to ISO 8601 with `+03:00`. B2C results write
 * `TransactionCompletedDateTime` as `"06.07.2024 22:48:52"` (day first); other results write
 * `YYYYMMDDHHmmss` as a number or string (`FinalisedTime`, `BOCompletedTime`). Returns
 * `undefined` for anything else, or for a date that is not on the calendar.
 */
export function resultTimeToIso(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const dotted = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
    if (dotted) {
      const [, d, mo, y, h, mi, s] = dotted as unknown as string[];
      return darajaTimeToIso(`${y}${mo}${d}${h}${mi}${s}`);
    }
  }
  return darajaTimeToIso(value);
}

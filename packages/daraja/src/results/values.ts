import { DarajaCallbackError } from '../errors/field-errors.js';
import { toCents } from '../money/cents.js';
import { resultTimeToIso } from '../time/result-time.js';
import type { DarajaResult } from './parse-result.js';

const what = 'Daraja result';
const field = (key: string) => `Result.ResultParameters.${key}`;

/** Reads one result parameter: absent → `undefined`, malformed → DarajaCallbackError. */
export function parameterReader(result: DarajaResult) {
  const value = (key: string) => result.parameters[key];
  return {
    text(key: string): string | undefined {
      const v = value(key);
      if (v === undefined) return undefined;
      const s = String(v).trim();
      return s === '' ? undefined : s;
    },
    cents(key: string): number | undefined {
      const v = value(key);
      if (v === undefined || v === '') return undefined;
      const cents = toCents(v);
      if (cents === undefined) {
        throw new DarajaCallbackError(field(key), `expected an amount, got "${v}".`, what);
      }
      return cents;
    },
    /** An amount that moved money: never below zero (a balance may be). */
    paidCents(key: string): number | undefined {
      const cents = this.cents(key);
      if (cents !== undefined && cents < 0) {
        throw new DarajaCallbackError(
          field(key),
          `expected an amount of at least 0, got "${value(key)}".`,
          what,
        );
      }
      return cents;
    },
    time(key: string): string | undefined {
      const v = value(key);
      if (v === undefined || v === '') return undefined;
      const iso = resultTimeToIso(v);
      if (iso === undefined) {
        throw new DarajaCallbackError(
          field(key),
          `expected "dd.MM.yyyy HH:mm:ss" or YYYYMMDDHHmmss, got "${v}".`,
          what,
        );
      }
      return iso;
    },
  };
}

/** `"254708374149 - John Doe"` → the phone and the name; a value without a number is all name. */
export function splitPublicName(value: string | undefined): {
  phone: string | undefined;
  name: string | undefined;
} {
  if (value === undefined) return { phone: undefined, name: undefined };
  const match = /^(\d{5,15})\s*-\s*(.*)$/.exec(value);
  if (!match) return { phone: undefined, name: value };
  return { phone: match[1], name: match[2]?.trim() || undefined };
}

import { DarajaCallbackError } from '../errors/field-errors.js';
import { toCents } from '../money/cents.js';
import type { DarajaResult } from './parse-result.js';
import { parameterReader } from './values.js';

/** One account of a shortcode, from the `AccountBalance` value. Amounts in integer cents. */
export interface AccountBalanceEntry {
  /** `Working Account`, `Utility Account`, `Charges Paid Account`, … */
  name: string;
  /** `KES`. */
  currency: string;
  /** The balance (available plus reserved). */
  currentCents: number;
  /** What can be spent now. */
  availableCents: number;
  reservedCents: number;
  unclearedCents: number;
}

/** The values of an account balance result. */
export interface AccountBalanceResultDetails {
  /** Every account listed, in Daraja's order; empty on failures. */
  accounts: AccountBalanceEntry[];
  /** `BOCompletedTime` as ISO 8601 with the Kenyan offset. */
  completedAt: string | undefined;
}

const field = 'Result.ResultParameters.AccountBalance';

/**
 * Reads an account balance result. `AccountBalance` is
 * `Name|Currency|Current|Available|Reserved|Uncleared` per account, accounts joined by `&`:
 * `"Working Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|KES|…"`.
 */
export function readAccountBalanceResult(result: DarajaResult): AccountBalanceResultDetails {
  const read = parameterReader(result);
  const value = read.text('AccountBalance');
  const accounts: AccountBalanceEntry[] = [];
  for (const part of value?.split('&') ?? []) {
    if (part.trim() === '') continue;
    const [name, currency, ...amounts] = part.split('|').map((s) => s.trim());
    const cents = amounts.map(toCents);
    if (!name || !currency || cents.length < 4 || cents.some((c) => c === undefined)) {
      throw new DarajaCallbackError(
        field,
        `expected "Name|Currency|Current|Available|Reserved|Uncleared", got "${part}".`,
        'Daraja result',
      );
    }
    const [currentCents, availableCents, reservedCents, unclearedCents] = cents as number[];
    accounts.push({
      name,
      currency,
      currentCents: currentCents as number,
      availableCents: availableCents as number,
      reservedCents: reservedCents as number,
      unclearedCents: unclearedCents as number,
    });
  }
  return { accounts, completedAt: read.time('BOCompletedTime') };
}

import { normalizePhone } from '@malipo/daraja';
import { DomainError } from '../errors/domain-error.js';

/** B2C's bounds, in whole shillings. */
export const b2cShillings = { min: 10, max: 250_000 } as const;

/** Whole shillings of an amount in cents sent over B2C, or a 400 saying what to fix. */
export function b2cShillingsOf(amountCents: number, field: string, what: string): number {
  if (amountCents % 100 !== 0) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `M-Pesa sends whole shillings: ${field} must be a multiple of 100 (10000 is KES 100).`,
      field,
    );
  }
  const shillings = amountCents / 100;
  if (shillings < b2cShillings.min || shillings > b2cShillings.max) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `M-Pesa B2C ${what} are KES ${b2cShillings.min} to KES ${b2cShillings.max.toLocaleString('en')}: ${field} must be ${b2cShillings.min * 100} to ${b2cShillings.max * 100}.`,
      field,
    );
  }
  return shillings;
}

/** A Kenyan mobile number normalised to 254XXXXXXXXX, or a 400 naming the field. */
export function phoneOf(raw: string, field: string): string {
  try {
    return normalizePhone(raw);
  } catch {
    throw new DomainError(
      'INVALID_PHONE',
      `${field} must be a Kenyan mobile number: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).`,
      field,
    );
  }
}

import { DomainError } from '../errors/domain-error.js';
import type { Mode } from '../stores/rows.js';
import { brandOf, type CardBrand, passesLuhn, testCards } from './card-number.js';

/** A card as the gateway handles it: the number and CVV only in memory, on their way out. */
export interface CardInput {
  number: string;
  cvv: string;
  expMonth: number;
  expYear: number;
  brand: CardBrand;
  last4: string;
}

const invalid = (field: string, message: string) =>
  new DomainError('INVALID_REQUEST', message, field);

/**
 * Checks a card before anything is stored or sent: the Luhn checksum, the expiry (not past, as
 * the card's month ends) and the CVV length for its brand, each refused with the field named. In
 * test mode only the test cards are taken, with any expiry.
 */
export function checkCard(
  card: { number: string; expiry: string; cvv: string } | undefined,
  mode: Mode,
  now = new Date(),
): CardInput {
  if (!card) {
    throw invalid('card', 'card is required for BUNI: { number, expiry: "MM/YY", cvv }.');
  }
  const number = card.number;
  if (!passesLuhn(number)) {
    throw invalid(
      'card.number',
      'card.number is not a valid card number (its check digit is wrong).',
    );
  }
  const test = testCards[number];
  if (mode === 'test' && !test) {
    throw invalid(
      'card.number',
      'In test mode use a test card: 4111111111111111 (succeeds), 4000000000000002 (declined) or 4000000000009995 (insufficient funds).',
    );
  }
  const [month, year] = card.expiry.split('/').map(Number) as [number, number];
  if (month < 1 || month > 12) {
    throw invalid('card.expiry', 'card.expiry must be MM/YY with a month from 01 to 12.');
  }
  const expYear = 2000 + year;
  // A card works to the end of its expiry month.
  const expired =
    expYear < now.getUTCFullYear() ||
    (expYear === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
  if (expired && !test) {
    throw invalid('card.expiry', `card.expiry ${card.expiry} is in the past.`);
  }
  const brand = brandOf(number);
  const cvvLength = brand === 'amex' ? 4 : 3;
  if (card.cvv.length !== cvvLength) {
    throw invalid('card.cvv', `card.cvv must be ${cvvLength} digits for this card.`);
  }
  return { number, cvv: card.cvv, expMonth: month, expYear, brand, last4: number.slice(-4) };
}

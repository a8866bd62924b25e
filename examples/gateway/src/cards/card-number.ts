/** The Luhn checksum every card number carries in its last digit. */
export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

/** The card scheme, from the number's leading digits. */
export function brandOf(number: string): CardBrand {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'unknown';
}

/**
 * The BUNI test cards of the hosted-gateway guide and what each does. In test mode they accept
 * any expiry (the guide's own 12/25 is past), as Stripe's test cards do.
 */
export const testCards: Record<
  string,
  { outcome: 'succeeded' | 'card_declined' | 'insufficient_funds' }
> = {
  '4111111111111111': { outcome: 'succeeded' },
  '4000000000000002': { outcome: 'card_declined' },
  '4000000000009995': { outcome: 'insufficient_funds' },
};

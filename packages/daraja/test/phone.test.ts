import { describe, expect, it } from 'vitest';
import { DarajaValidationError, normalizePhone } from '../src/index.js';

describe('normalizePhone', () => {
  it.each([
    ['0712345678', '254712345678'],
    ['0110345678', '254110345678'],
    ['+254 712 345 678', '254712345678'],
    ['254712345678', '254712345678'],
    ['712-345-678', '254712345678'],
    ['(0712) 345678', '254712345678'],
    [254708374149, '254708374149'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '0812345678',
    '25571234567',
    '2547123456789',
    '',
    'phone',
    '07123x5678',
    '+1 415 555 0100',
    '+0712345678',
    '+712345678',
  ])('rejects %j naming the field', (input) => {
    expect(() => normalizePhone(input, 'metadata.phone_number')).toThrow(
      expect.objectContaining({
        name: 'DarajaValidationError',
        field: 'metadata.phone_number',
        code: 'invalid_input',
      }),
    );
  });

  it('rejects numbers that are not whole (a dot is not a separator in a number)', () => {
    expect(() => normalizePhone(71234567.8)).toThrow(DarajaValidationError);
  });

  it('rejects non-strings', () => {
    expect(() => normalizePhone({} as unknown as string)).toThrow(DarajaValidationError);
  });
});

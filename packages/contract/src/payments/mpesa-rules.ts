/**
 * M-Pesa's limits on a create-payment body, as JSON Schema for the OpenAPI document. The gateway
 * refuses each with a 400 naming the field (INVALID_CURRENCY, INVALID_AMOUNT, INVALID_PHONE); the
 * zod schema does not carry them because the same body also serves card providers.
 */

/** Kenyan mobile numbers as Daraja's phone normaliser accepts them (without separators). */
export const phonePattern = '^(?:\\+?254|0)?[17][0-9]{8}$';

export const mpesaRules = {
  allOf: [
    {
      description:
        'M-Pesa (provider MPESA_SAFARICOM): KES only, whole shillings (a multiple of 100 cents) up to KES 250,000, and metadata.phone_number is required.',
      if: { properties: { provider: { const: 'MPESA_SAFARICOM' } }, required: ['provider'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then` keyword.
      then: {
        properties: {
          currency: { const: 'KES' },
          amount_cents: { multipleOf: 100, maximum: 25_000_000 },
          metadata: {
            properties: { phone_number: { type: 'string', examples: ['254708374149'] } },
            required: ['phone_number'],
          },
        },
        required: ['metadata'],
      },
    },
  ],
};

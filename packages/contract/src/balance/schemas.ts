import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { livemode } from '../common/response-fields.js';

/** What Daraja last reported for the M-Pesa account the gateway pays out from. */
export const mpesaAccountBalance = z.looseObject({
  utility_available_cents: doc(
    z.int(),
    'Available in the utility account, the one B2C payouts and refunds are paid from, in cents.',
    100_000_000,
  ),
  working_available_cents: doc(
    z.nullable(z.int()),
    'Available in the working account (collections), in cents; null when not reported.',
    25_000_000,
  ),
  as_of: doc(z.string(), 'When M-Pesa reported it (ISO 8601).', '2026-02-07T03:15:30.000Z').check(
    z.meta({ format: 'date-time' }),
  ),
});

/** `GET /api/v1/balance`. */
export const balanceResponse = z.looseObject({
  success: doc(z.literal(true), 'Always true on success.', true),
  livemode,
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  available_cents: doc(
    z.int(),
    'What you can pay out now, in cents: your completed payments, less refunds and less payouts (those still pending included).',
    1_250_000,
  ),
  pending_cents: doc(
    z.int(),
    'Payouts and refunds sent to M-Pesa and not settled yet, in cents.',
    50_000,
  ),
  mpesa_account: doc(
    z.nullable(mpesaAccountBalance),
    "The M-Pesa account's balance as Daraja last reported it (in test mode, the simulator's or the sandbox's); null until the first report.",
    {
      utility_available_cents: 100_000_000,
      working_available_cents: 25_000_000,
      as_of: '2026-02-07T03:15:30.000Z',
    },
  ),
});

export type BalanceResponse = z.output<typeof balanceResponse>;

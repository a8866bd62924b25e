import * as z from 'zod/mini';
import { doc } from './doc.js';
import { openEnum } from './lenient.js';
import { paymentStatuses, providers } from './primitives.js';

/** ISO 8601 timestamp in UTC as returned by the gateway, e.g. `2026-02-07T03:15:30.000Z`. */
export const isoDate = (description: string) =>
  z.string().check(
    z.meta({
      description,
      format: 'date-time',
      examples: ['2026-02-07T03:15:30.000Z'],
    }),
  );

export const statusRead = doc(
  openEnum(paymentStatuses),
  'Payment state. PENDING until the customer answers; then COMPLETED, FAILED, CANCELLED or EXPIRED, which never change again.',
  'COMPLETED',
);
export const providerRead = doc(
  openEnum(providers),
  'Provider that handles the payment.',
  'MPESA_SAFARICOM',
);

/**
 * Stripe's modes: which one the object belongs to. Always sent (required in the document);
 * optional when reading, so answers of gateways from before modes still parse.
 */
export const livemode = z.optional(
  doc(
    z.boolean(),
    'true in live mode (real money, an sk_live_ key), false in test mode (the simulator or the sandbox).',
    false,
  ),
);

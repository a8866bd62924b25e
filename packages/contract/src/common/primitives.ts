import * as z from 'zod/mini';
import { openEnum } from './lenient.js';

/** Payment states. Terminal: everything but `PENDING`. */
export const paymentStatuses = ['PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Payment providers the gateway routes to. */
export const providers = ['MPESA_SAFARICOM', 'BUNI', 'KAREENHUB'] as const;
export type Provider = (typeof providers)[number];

/** Money in integer minor units (cents): 10000 is KES 100.00. Never a float. */
export const amountCents = z
  .int({ error: 'amount_cents must be an integer number of cents.' })
  .check(
    z.positive('amount_cents must be greater than 0.'),
    z.maximum(Number.MAX_SAFE_INTEGER, 'amount_cents is too large.'),
  );

/** ISO 4217 code; the gateway settles M-Pesa in KES. */
export const currency = z
  .string({ error: 'currency must be a 3-letter ISO code.' })
  .check(z.regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO code such as "KES".'));

/** ISO 8601 timestamp as returned by the gateway. */
export const isoDate = z.string();

export const statusRead = openEnum(paymentStatuses);
export const providerRead = openEnum(providers);

/** Free-form merchant data: string values, at most 50 keys (Stripe's limits). */
export const metadata = z
  .record(z.string(), z.unknown())
  .check(z.refine((m) => Object.keys(m).length <= 50, 'metadata may hold at most 50 keys.'));

/** An absolute HTTPS (or, for local development, HTTP) URL. */
export const httpUrl = z.string({ error: 'expected a URL.' }).check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL.'),
  z.maxLength(2048, 'must be at most 2048 characters.'),
);

/** Cursor pagination query shared by list endpoints. */
export const listQuery = {
  /** 1–100. @default 20 */
  limit: z.optional(
    z.coerce
      .number()
      .check(
        z.int(),
        z.minimum(1, 'limit must be at least 1.'),
        z.maximum(100, 'limit must be at most 100.'),
      ),
  ),
  /** Opaque cursor from the previous page's `next_cursor`. */
  cursor: z.optional(z.string().check(z.maxLength(200))),
};

import * as z from 'zod/mini';
import { doc } from './doc.js';
import { queryInteger } from './query-integer.js';

/** Payment states. Terminal: everything but `PENDING`. */
export const paymentStatuses = [
  'PENDING',
  'AUTHORIZED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Payment providers the gateway routes to. */
export const providers = ['MPESA_SAFARICOM', 'BUNI', 'KAREENHUB'] as const;
export type Provider = (typeof providers)[number];

/** Money in integer minor units (cents): 10000 is KES 100.00. Never a float. */
export const amountCents = doc(
  z
    .int({ error: 'amount_cents must be an integer number of cents.' })
    .check(
      z.positive('amount_cents must be greater than 0.'),
      z.maximum(Number.MAX_SAFE_INTEGER, 'amount_cents is too large.'),
    ),
  'Amount in integer minor units (cents): 10000 is KES 100.00.',
  10_000,
);

/** ISO 4217 code; the gateway settles M-Pesa in KES. */
export const currency = doc(
  z
    .string({ error: 'currency must be a 3-letter ISO code.' })
    .check(z.regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO code such as "KES".')),
  'ISO 4217 currency code. M-Pesa takes KES only.',
  'KES',
);

/** Free-form merchant data: at most 50 keys (Stripe's limit). */
/**
 * Metadata bounds (Stripe's): at most 50 keys, keys of at most 40 characters, values of at most
 * 500 characters as JSON. Every event carries the metadata to every endpoint, so these bound
 * what one request can make the gateway send.
 */
/** A value's length as JSON; a value JSON cannot hold (a BigInt, a cycle) counts as endless. */
function jsonLength(value: unknown): number {
  try {
    return (JSON.stringify(value) ?? '').length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export const metadataLimits = [
  z.refine<Record<string, unknown>>(
    (m: Record<string, unknown>) => Object.keys(m).length <= 50,
    'metadata may hold at most 50 keys.',
  ),
  z.refine<Record<string, unknown>>(
    (m: Record<string, unknown>) => Object.keys(m).every((key) => key.length <= 40),
    'metadata keys may be at most 40 characters.',
  ),
  z.refine<Record<string, unknown>>(
    (m: Record<string, unknown>) => Object.values(m).every((value) => jsonLength(value) <= 500),
    'each metadata value must be JSON (no BigInt, no cycles) of at most 500 characters.',
  ),
] as const;

export const metadata = doc(
  z
    .record(z.string(), z.unknown())
    .check(...metadataLimits, z.meta({ maxProperties: 50, propertyNames: { maxLength: 40 } })),
  'Your own key-value data: at most 50 keys of at most 40 characters, values of at most 500 characters as JSON; returned as sent and echoed in webhooks.',
  { order_reference: 'ORDER-1042' },
);

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
  z.meta({ format: 'uri', pattern: '^https?://' }),
);

/** Cursor pagination query shared by list endpoints. */
export const listQuery = {
  /** 1–100. @default 20 */
  limit: z.optional(queryInteger('limit', [1, 100], 'Page size, 1 to 100 (20 when absent).', 20)),
  /** Opaque cursor from the previous page's `next_cursor`. */
  cursor: z.optional(
    doc(
      z.string().check(z.maxLength(200)),
      "Opaque cursor: the previous page's `next_cursor`.",
      'eyJjIjoiMjAyNi0wMi0wN1QwMzoxNTozMC4wMDBaIiwiaSI6InBheV8zazl4Mm03cTF3OGU1cjR0NnkwdSJ9',
    ),
  ),
};

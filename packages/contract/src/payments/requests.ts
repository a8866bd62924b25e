import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import {
  amountCents,
  currency,
  httpUrl,
  listQuery,
  metadataLimits,
  providers,
} from '../common/primitives.js';
import { mpesaRules, phonePattern } from './mpesa-rules.js';

/**
 * Body of `POST /api/v1/payments` (and the hosted-gateway integration guide's
 * `POST /api/payments/create`). Strict: unknown top-level fields are refused so typos surface as
 * a 400 naming the field.
 */
export const createPaymentRequest = z
  .strictObject({
    /** Integer cents; M-Pesa takes whole shillings, so multiples of 100 there. */
    amount_cents: doc(
      amountCents,
      'Amount in integer cents. M-Pesa takes whole shillings (a multiple of 100) and at most KES 250,000 (25000000).',
      10_000,
    ),
    currency,
    provider: z.optional(
      doc(
        z.enum(providers, { error: `provider must be one of ${providers.join(', ')}.` }),
        'MPESA_SAFARICOM (STK push) or BUNI (card). Required unless providers is given.',
        'MPESA_SAFARICOM',
      ),
    ),
    /** Acceptable providers in order: the next is tried only when one is down before it acted. */
    providers: z.optional(
      doc(
        z
          .array(z.enum(providers, { error: `providers must list ${providers.join(', ')}.` }))
          .check(
            z.minLength(1, 'providers must list at least one provider.'),
            z.maxLength(3, 'providers may list at most 3 providers.'),
          ),
        'Acceptable providers in order, instead of provider: the next is tried only when one is down before it acted.',
        ['MPESA_SAFARICOM', 'BUNI'],
      ),
    ),
    metadata: z.optional(
      doc(
        z
          .looseObject({
            /** Customer phone for M-Pesa: 2547XXXXXXXX / 2541XXXXXXXX (07…, 01…, +254… accepted). */
            phone_number: z.optional(
              doc(
                z.string({ error: 'metadata.phone_number must be a string.' }),
                'Customer phone to prompt, required for M-Pesa: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
                '254708374149',
              ).check(z.meta({ pattern: phonePattern })),
            ),
            /** Shown to the customer (truncated to 13 characters for M-Pesa). */
            description: z.optional(
              doc(
                z.string().check(z.maxLength(255)),
                'Shown to the customer; M-Pesa shows its first 13 letters, digits and spaces.',
                'Order 1042',
              ),
            ),
            /** Your order id; echoed in webhooks. */
            order_reference: z.optional(
              doc(
                z.string().check(z.maxLength(100)),
                'Your order id, echoed in webhooks; M-Pesa shows its first 12 letters, digits and dashes as the account reference.',
                'ORDER-1042',
              ),
            ),
          })
          .check(
            ...metadataLimits,
            z.meta({ maxProperties: 50, propertyNames: { maxLength: 40 } }),
          ),
        'Your own key-value data (at most 50 keys of at most 40 characters, values of at most 500 characters as JSON), returned as sent and echoed in webhooks. Open: any key besides the ones listed is kept.',
        { phone_number: '254708374149', order_reference: 'ORDER-1042' },
      ),
    ),
    /** Where this payment's webhooks are also sent (besides the merchant's endpoints). */
    callback_url: z.optional(
      doc(
        httpUrl,
        "Where this payment's webhooks are also sent, besides your registered endpoints.",
        'https://shop.example.com/webhooks/malipo',
      ),
    ),
    /** Cards only: `manual` authorises now and captures later (`POST …/capture`). @default automatic */
    capture_method: z.optional(
      doc(
        z.enum(['automatic', 'manual'], { error: 'capture_method must be automatic or manual.' }),
        'Cards: automatic (default) charges at once; manual authorises (AUTHORIZED) for a later capture or void.',
        'manual',
      ),
    ),
    /** Card details for the BUNI card test provider. */
    card: z.optional(
      doc(
        z.strictObject({
          number: doc(
            z.string().check(z.regex(/^\d{12,19}$/, 'card.number must be 12 to 19 digits.')),
            'Card number, 12 to 19 digits.',
            '4111111111111111',
          ),
          expiry: doc(
            z.string().check(z.regex(/^\d{2}\/\d{2}$/, 'card.expiry must be MM/YY.')),
            'Expiry as MM/YY.',
            '12/30',
          ),
          cvv: doc(
            z.string().check(z.regex(/^\d{3,4}$/, 'card.cvv must be 3 or 4 digits.')),
            'Card verification code, 3 or 4 digits.',
            '123',
          ),
        }),
        'Card details, for the BUNI card test provider only.',
        { number: '4111111111111111', expiry: '12/30', cvv: '123' },
      ),
    ),
  })
  .check(z.meta(mpesaRules));

export type CreatePaymentRequest = z.input<typeof createPaymentRequest>;

/**
 * A `created_from`/`created_to` bound: an ISO 8601 date-time in UTC, to the nanosecond at most
 * (PostgreSQL keeps microseconds, and refuses a fraction of 129 digits or more outright).
 */
const createdBound = (field: string) =>
  z.iso
    .datetime({ error: `${field} must be an ISO 8601 date-time.` })
    .check(
      z.refine(
        (value) => !/\.\d{10}/.test(value),
        `${field} may give at most 9 digits after the seconds' decimal point.`,
      ),
    );

/** Query of `GET /api/v1/payments` (and its alias `GET /api/payments`). */
export const listPaymentsQuery = z.strictObject({
  ...listQuery,
  status: z.optional(
    doc(
      z.enum(['PENDING', 'AUTHORIZED', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'], {
        error: 'status must be PENDING, AUTHORIZED, COMPLETED, FAILED, CANCELLED or EXPIRED.',
      }),
      'Only payments in this state.',
      'COMPLETED',
    ),
  ),
  provider: z.optional(
    doc(z.enum(providers), 'Only payments of this provider.', 'MPESA_SAFARICOM'),
  ),
  /** ISO 8601: created at or after. */
  created_from: z.optional(
    doc(
      createdBound('created_from'),
      'Only payments created at or after this time (ISO 8601).',
      '2026-02-01T00:00:00Z',
    ),
  ),
  /** ISO 8601: created before. */
  created_to: z.optional(
    doc(
      createdBound('created_to'),
      'Only payments created before this time (ISO 8601).',
      '2026-03-01T00:00:00Z',
    ),
  ),
});

export type ListPaymentsQuery = z.input<typeof listPaymentsQuery>;

/** Body of `POST /api/v1/payments/:id/void`: nothing to say. */
export const voidPaymentRequest = z.strictObject({});

/** Body of `POST /api/v1/payments/:id/capture`: all, or part of, an authorised amount. */
export const capturePaymentRequest = z.strictObject({
  amount_cents: z.optional(
    doc(amountCents, 'Amount to capture in cents; the whole authorised amount when absent.', 5_000),
  ),
});

export type CapturePaymentRequest = z.input<typeof capturePaymentRequest>;

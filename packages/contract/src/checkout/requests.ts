import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { amountCents, currency, httpUrl, metadata } from '../common/primitives.js';
import { phonePattern } from '../payments/mpesa-rules.js';

/** Languages of the hosted page. */
export const checkoutLocales = ['en', 'sw'] as const;

/** A web origin: scheme, host and port only, e.g. `https://shop.example.com`. */
const webOrigin = z.string({ error: 'expected an origin such as https://shop.example.com.' }).check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example.com (no path).'),
  z.meta({ format: 'uri', pattern: '^https?://[^/]+$' }),
);

export const successUrl = 'https://shop.example.com/orders/1042/paid';
export const cancelUrl = 'https://shop.example.com/orders/1042';
export const failureUrl = 'https://shop.example.com/orders/1042/failed';

/** Body of `POST /api/v1/checkout/sessions`: a hosted checkout session. */
export const createCheckoutSessionRequest = z.strictObject({
  amount_cents: doc(amountCents, 'Amount to collect, in integer cents.', 10_000),
  currency,
  description: z.optional(
    doc(z.string().check(z.maxLength(255)), 'Shown on the hosted page.', 'Order 1042'),
  ),
  /** Where the hosted page sends the customer after paying. */
  success_url: doc(httpUrl, 'Where the hosted page sends the customer after paying.', successUrl),
  /** Where it sends the customer after cancelling. */
  cancel_url: doc(httpUrl, 'Where the hosted page sends the customer after cancelling.', cancelUrl),
  /** Where it sends the customer when the payment failed and they stop trying. @default cancel_url */
  failure_url: z.optional(
    doc(
      httpUrl,
      'Where the customer goes after a failed payment or an expiry (cancel_url when absent).',
      failureUrl,
    ),
  ),
  customer: z.optional(
    doc(
      z.strictObject({
        phone_number: z.optional(
          doc(z.string(), 'Prefills the phone on the hosted page.', '254708374149').check(
            z.meta({ pattern: phonePattern }),
          ),
        ),
      }),
      'What the hosted page may prefill.',
      { phone_number: '254708374149' },
    ),
  ),
  /** 60 s to 24 h. @default 1800 */
  expires_in_seconds: z.optional(
    doc(
      z.int().check(z.minimum(60), z.maximum(86_400)),
      'Seconds until the session expires: 60 to 86400 (1800 when absent).',
      1800,
    ),
  ),
  /** An absolute expiry, 60 s to 24 h from now; instead of `expires_in_seconds`. */
  expires_at: z.optional(
    doc(
      z.iso.datetime({
        offset: true,
        error: 'expected an ISO 8601 date-time such as 2026-02-07T03:45:30Z.',
      }),
      'Expiry, 60 s to 24 h from now; instead of expires_in_seconds.',
      '2026-02-07T03:45:30Z',
    ),
  ),
  /** Origins whose pages may show the hosted page in a frame (the `@malipo/client/checkout` modal). */
  allowed_origins: z.optional(
    doc(
      z.array(webOrigin).check(z.maxLength(10, 'allowed_origins may list at most 10 origins.')),
      'Origins whose pages may frame the hosted page (the checkout modal); none when absent.',
      ['https://shop.example.com'],
    ),
  ),
  /** The hosted page's language; the customer can switch. @default 'en' */
  locale: z.optional(
    doc(
      z.enum(checkoutLocales),
      'Language of the hosted page: en (English) or sw (Kiswahili).',
      'en',
    ),
  ),
  metadata: z.optional(metadata),
});

export type CreateCheckoutSessionRequest = z.input<typeof createCheckoutSessionRequest>;

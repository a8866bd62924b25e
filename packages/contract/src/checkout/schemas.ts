import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { amountCents, currency, httpUrl, isoDate, metadata } from '../common/primitives.js';
import { phonePattern } from '../payments/mpesa-rules.js';

export const checkoutSessionStatuses = ['OPEN', 'COMPLETED', 'EXPIRED'] as const;

const successUrl = 'https://shop.example.com/orders/1042/paid';
const cancelUrl = 'https://shop.example.com/orders/1042';

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
  metadata: z.optional(metadata),
});

export type CreateCheckoutSessionRequest = z.input<typeof createCheckoutSessionRequest>;

export const checkoutSession = z.looseObject({
  success: sometimes(
    z.optional(doc(z.literal(true), 'True when the session is the whole answer.', true)),
  ),
  session_id: doc(z.string(), "The session's id.", 'cs_6p0t4x8b2f5j9n3r7v1z'),
  status: doc(
    openEnum(checkoutSessionStatuses),
    'OPEN until paid (COMPLETED) or past its expiry (EXPIRED).',
    'OPEN',
  ),
  /** The hosted checkout page for this session. */
  url: doc(
    z.string().check(z.meta({ format: 'uri' })),
    'The hosted checkout page: send the customer there.',
    'http://127.0.0.1:8000/checkout/cs_6p0t4x8b2f5j9n3r7v1z',
  ),
  amount_cents: doc(z.int(), 'Amount to collect, in cents.', 10_000),
  currency: doc(z.string(), 'ISO 4217 currency code.', 'KES'),
  payment_id: doc(z.nullable(z.string()), 'The payment once the customer paid, else null.', null),
  success_url: doc(z.string(), 'Where the customer goes after paying.', successUrl),
  cancel_url: doc(z.string(), 'Where the customer goes after cancelling.', cancelUrl),
  expires_at: isoDate('When the session expires.'),
  created_at: isoDate('When the session was created.'),
});

export type CheckoutSession = z.output<typeof checkoutSession>;

export const checkoutSessionResponse = z.looseObject({
  ...checkoutSession.def.shape,
  success: z.literal(true),
});

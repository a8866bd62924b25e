import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { metadata } from '../common/primitives.js';
import { isoDate } from '../common/response-fields.js';
import { cancelUrl, failureUrl, successUrl } from './requests.js';

export const checkoutSessionStatuses = ['OPEN', 'COMPLETED', 'EXPIRED'] as const;

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
  failure_url: doc(z.string(), 'Where the customer goes after a failure.', failureUrl),
  description: doc(z.nullable(z.string()), 'Shown on the hosted page.', 'Order 1042'),
  allowed_origins: doc(z.array(z.string()), 'Origins that may embed the hosted page.', [
    'https://shop.example.com',
  ]),
  locale: doc(z.string(), 'Language of the hosted page.', 'en'),
  livemode: doc(z.boolean(), 'True in live mode.', false),
  metadata,
  expires_at: isoDate('When the session expires.'),
  created_at: isoDate('When the session was created.'),
});

export type CheckoutSession = z.output<typeof checkoutSession>;

export const checkoutSessionResponse = z.looseObject({
  ...checkoutSession.def.shape,
  success: z.literal(true),
});

import * as z from 'zod/mini';
import { openEnum } from '../common/lenient.js';
import { amountCents, currency, httpUrl, isoDate, metadata } from '../common/primitives.js';

export const checkoutSessionStatuses = ['OPEN', 'COMPLETED', 'EXPIRED'] as const;

/** Body of `POST /api/v1/checkout/sessions` (seed 003's session creation). */
export const createCheckoutSessionRequest = z.strictObject({
  amount_cents: amountCents,
  currency,
  description: z.optional(z.string().check(z.maxLength(255))),
  /** Where the hosted page sends the customer after paying. */
  success_url: httpUrl,
  /** Where it sends the customer after cancelling. */
  cancel_url: httpUrl,
  customer: z.optional(z.strictObject({ phone_number: z.optional(z.string()) })),
  /** 60 s to 24 h. @default 1800 */
  expires_in_seconds: z.optional(z.int().check(z.minimum(60), z.maximum(86_400))),
  metadata: z.optional(metadata),
});

export type CreateCheckoutSessionRequest = z.input<typeof createCheckoutSessionRequest>;

export const checkoutSession = z.looseObject({
  session_id: z.string(),
  status: openEnum(checkoutSessionStatuses),
  /** The hosted checkout page for this session. */
  url: z.string(),
  amount_cents: z.int(),
  currency: z.string(),
  payment_id: z.nullable(z.string()),
  success_url: z.string(),
  cancel_url: z.string(),
  expires_at: isoDate,
  created_at: isoDate,
});

export type CheckoutSession = z.output<typeof checkoutSession>;

export const checkoutSessionResponse = z.looseObject({
  success: z.literal(true),
  ...checkoutSession.def.shape,
});

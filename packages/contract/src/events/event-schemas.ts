import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';

type Family = readonly [string, ...string[]];

const text = (description: string, example: string) => doc(z.string(), description, example);
const maybeText = (description: string, example: string | null) =>
  z.optional(doc(z.nullable(z.string()), description, example));

/**
 * The body schemas of gateway events, one per family. Reading is lenient (extra fields and
 * unknown statuses pass); the OpenAPI document shows their closed view.
 */
export function buildEventSchemas(families: {
  payment: Family;
  refund: Family;
  payout: Family;
  checkout: Family;
}) {
  const base = (types: Family) => ({
    id: text(
      'Unique event id, the same across delivery retries: de-duplicate on it.',
      'evt_1a5e9i3m7q0u4y8c2g6k',
    ),
    event: doc(
      openEnum(types),
      'Event type. New types may be added: ignore ones you do not know.',
      types[0],
    ),
    timestamp: text('When the state changed (ISO 8601, UTC).', '2026-02-07T03:15:30.000Z').check(
      z.meta({ format: 'date-time' }),
    ),
    merchant_id: text('Your merchant id.', 'mer_7h2k4n6p8r0t1v3x5z9b'),
    metadata: z.optional(
      doc(z.record(z.string(), z.unknown()), 'The metadata of the object, as you sent it.', {
        order_reference: 'ORDER-1042',
      }),
    ),
  });
  const amount = doc(
    z.number().check(z.refine((v) => Number.isSafeInteger(v), 'amount_cents must be an integer')),
    'Amount in integer cents.',
    10_000,
  ).check(z.meta({ type: 'integer' }));
  const currency = text('ISO 4217 currency code.', 'KES');
  const paymentId = text('The payment.', 'pay_3k9x2m7q1w8e5r4t6y0u');
  return {
    payment: z.looseObject({
      ...base(families.payment),
      payment_id: paymentId,
      status: text('The payment state the event reports.', 'COMPLETED'),
      amount_cents: amount,
      currency,
      provider: text('Provider that handled the payment.', 'MPESA_SAFARICOM'),
      provider_reference: maybeText(
        "The provider's reference (M-Pesa CheckoutRequestID).",
        'ws_CO_07022026031530123456',
      ),
      receipt: maybeText('The M-Pesa receipt once COMPLETED, else null.', 'NLJ7RT61SV'),
      failure_code: maybeText("The provider's result code when not COMPLETED, else null.", null),
      failure_message: maybeText('Why the payment did not complete, else null.', null),
    }),
    refund: z.looseObject({
      ...base(families.refund),
      refund_id: text('The refund.', 're_4m8q2w6e0r3t7y1u5i9o'),
      payment_id: paymentId,
      status: text('The refund state the event reports.', 'PROCESSED'),
      amount_cents: amount,
      currency,
    }),
    payout: z.looseObject({
      ...base(families.payout),
      payout_id: text('The payout.', 'po_5n9r3v7z1d4h8l2p6t0x'),
      status: text('The payout state the event reports.', 'COMPLETED'),
      amount_cents: amount,
      currency,
      provider_reference: maybeText("M-Pesa's ConversationID.", 'AG_20260207_00004e4f1b4c7d3a2b1c'),
    }),
    checkout: z.looseObject({
      ...base(families.checkout),
      session_id: text('The checkout session.', 'cs_6p0t4x8b2f5j9n3r7v1z'),
      payment_id: maybeText(
        'The payment that paid the session, else null.',
        'pay_3k9x2m7q1w8e5r4t6y0u',
      ),
      status: text('The session state the event reports.', 'COMPLETED'),
    }),
  };
}

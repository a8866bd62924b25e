import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { eventFamilies, eventSchemas } from '../events/gateway-events.js';

type Families = ReturnType<typeof eventSchemas>;
type FieldDoc = readonly [description: string, example: unknown, meta?: Record<string, unknown>];

const common: Record<string, FieldDoc> = {
  id: [
    'Unique event id, the same across delivery retries: de-duplicate on it.',
    'evt_1a5e9i3m7q0u4y8c2g6k',
  ],
  event: ['Event type. New types may be added: ignore ones you do not know.', undefined],
  timestamp: [
    'When the state changed (ISO 8601, UTC).',
    '2026-02-07T03:15:30.000Z',
    { format: 'date-time' },
  ],
  merchant_id: ['Your merchant id.', 'mer_7h2k4n6p8r0t1v3x5z9b'],
  livemode: ['true in live mode (real money), false in test mode.', false],
  metadata: ['The metadata of the object, as you sent it.', { order_reference: 'ORDER-1042' }],
  amount_cents: ['Amount in integer cents.', 10_000, { type: 'integer' }],
  currency: ['ISO 4217 currency code.', 'KES'],
  payment_id: ['The payment.', 'pay_3k9x2m7q1w8e5r4t6y0u'],
};

const byFamily: Record<keyof Families, Record<string, FieldDoc>> = {
  payment: {
    status: ['The payment state the event reports.', 'COMPLETED'],
    provider: ['Provider that handled the payment.', 'MPESA_SAFARICOM'],
    provider_reference: [
      "The provider's reference (M-Pesa CheckoutRequestID).",
      'ws_CO_07022026031530123456',
    ],
    receipt: ['The M-Pesa receipt once COMPLETED, else null.', 'NLJ7RT61SV'],
    failure_code: ["The provider's result code when not COMPLETED, else null.", null],
    failure_message: ['Why the payment did not complete, else null.', null],
  },
  refund: {
    refund_id: ['The refund.', 're_4m8q2w6e0r3t7y1u5i9o'],
    status: ['The refund state the event reports.', 'PROCESSED'],
    method: [
      'MPESA_REVERSAL (full refund, the payment is reversed), MPESA_B2C (partial, sent to the payer) or CARD_REFUND (back to the card).',
      'MPESA_B2C',
    ],
    receipt: ["M-Pesa's receipt once PROCESSED, else null.", 'TGR3HYT7CK'],
    failure_code: ["M-Pesa's result code when the refund failed, else null.", null],
    failure_message: ['Why the refund failed, else null.', null],
  },
  payout: {
    payout_id: ['The payout.', 'po_5n9r3v7z1d4h8l2p6t0x'],
    status: ['The payout state the event reports.', 'COMPLETED'],
    provider_reference: ["M-Pesa's ConversationID.", 'AG_20260207_00004e4f1b4c7d3a2b1c'],
    phone_number: ['The recipient phone, 254XXXXXXXXX.', '254708374149'],
    receipt: ["M-Pesa's receipt once COMPLETED, else null.", 'TGR3HYT7CK'],
    failure_code: [
      'Why the payout failed (`1` insufficient balance, `2001` initiator, `QUEUE_TIMEOUT`), else null.',
      null,
    ],
    failure_message: ['Why the payout failed, else null.', null],
  },
  checkout: {
    session_id: ['The checkout session.', 'cs_6p0t4x8b2f5j9n3r7v1z'],
    payment_id: ['The payment that paid the session, else null.', 'pay_3k9x2m7q1w8e5r4t6y0u'],
    status: ['The session state the event reports.', 'COMPLETED'],
  },
};

/** Describes one field; optional fields are described inside their `optional` wrapper. */
function describe(field: z.ZodMiniType, fieldDoc: FieldDoc, fallbackExample: unknown) {
  const [description, example, meta] = fieldDoc;
  const add = (schema: z.ZodMiniType) => {
    const described = doc(schema, description, example === undefined ? fallbackExample : example);
    return meta ? described.check(z.meta(meta)) : described;
  };
  if (field instanceof z.ZodMiniOptional)
    return z.optional(add(field.def.innerType as z.ZodMiniType));
  return add(field);
}

/** The event body schemas with a description and example on every field (document only). */
export function documentedEventSchemas() {
  const schemas = eventSchemas();
  const documented = {} as Record<keyof Families, z.ZodMiniType>;
  for (const family of Object.keys(schemas) as (keyof Families)[]) {
    const shape = schemas[family].def.shape as Record<string, z.ZodMiniType>;
    documented[family] = z.looseObject(
      Object.fromEntries(
        Object.entries(shape).map(([name, field]) => {
          const fieldDoc = byFamily[family][name] ?? common[name];
          if (!fieldDoc) throw new Error(`event field ${family}.${name} has no description`);
          // Receivers read `event` as any string; the document lists the family's values.
          const documentedField = name === 'event' ? openEnum(eventFamilies[family]) : field;
          return [name, describe(documentedField, fieldDoc, eventFamilies[family][0])];
        }),
      ),
    );
  }
  return documented;
}

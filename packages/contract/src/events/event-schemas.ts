import * as z from 'zod/mini';

type Family = readonly [string, ...string[]];

/**
 * The body schemas of gateway events, one per family, as receivers parse them: lenient (extra
 * fields and unknown statuses pass) and bare, because webhook handlers bundle them; the OpenAPI
 * document describes them separately (`openapi/event-docs.ts`).
 */
export function buildEventSchemas(families: {
  payment: Family;
  refund: Family;
  payout: Family;
  checkout: Family;
}) {
  const text = () => z.string();
  const maybeText = () => z.optional(z.nullable(z.string()));
  const base = (_types: Family) => ({
    id: text(),
    // The family is chosen by this field; the OpenAPI document lists its values.
    event: text(),
    timestamp: text(),
    merchant_id: text(),
    livemode: z.optional(z.boolean()),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  });
  // Money is a whole number of cents, never below zero.
  const amount = () =>
    z
      .number()
      .check(
        z.refine(
          (v) => Number.isSafeInteger(v) && v >= 0,
          'amount_cents must be a whole number of cents, 0 or more',
        ),
      );
  return {
    payment: z.looseObject({
      ...base(families.payment),
      payment_id: text(),
      status: text(),
      amount_cents: amount(),
      currency: text(),
      provider: text(),
      provider_reference: maybeText(),
      receipt: maybeText(),
      failure_code: maybeText(),
      failure_message: maybeText(),
    }),
    refund: z.looseObject({
      ...base(families.refund),
      refund_id: text(),
      payment_id: text(),
      status: text(),
      amount_cents: amount(),
      currency: text(),
      method: z.optional(text()),
      receipt: maybeText(),
      failure_code: maybeText(),
      failure_message: maybeText(),
    }),
    payout: z.looseObject({
      ...base(families.payout),
      payout_id: text(),
      status: text(),
      amount_cents: amount(),
      currency: text(),
      provider_reference: maybeText(),
      phone_number: z.optional(text()),
      receipt: maybeText(),
      failure_code: maybeText(),
      failure_message: maybeText(),
    }),
    checkout: z.looseObject({
      ...base(families.checkout),
      session_id: text(),
      payment_id: maybeText(),
      status: text(),
      amount_cents: z.optional(amount()),
      currency: z.optional(text()),
    }),
  };
}

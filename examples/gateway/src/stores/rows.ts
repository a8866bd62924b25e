/** A `payments` row as the database returns it (int8 columns arrive as strings or bigints). */
export interface PaymentRow {
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: 'PENDING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';
  amount_cents: string | number | bigint;
  amount_captured_cents: string | number | bigint;
  amount_refunded_cents: string | number | bigint;
  currency: string;
  provider: string;
  phone: string | null;
  metadata: Record<string, unknown>;
  callback_url: string | null;
  provider_reference: string | null;
  merchant_request_id: string | null;
  receipt: string | null;
  failure_code: string | null;
  failure_message: string | null;
  flagged_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** Integer cents from an int8 column, refusing anything a JS number cannot hold exactly. */
export function cents(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`amount ${String(value)} is not a safe integer`);
  return n;
}

/** ISO 8601 in UTC with seconds, as seed 000 shows (`2026-02-07T03:15:30Z`), plus milliseconds. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The payment as the API reports it. */
export function toPayment(row: PaymentRow) {
  return {
    payment_id: row.id,
    merchant_id: row.merchant_id,
    status: row.status,
    amount_cents: cents(row.amount_cents),
    amount_captured_cents: cents(row.amount_captured_cents),
    amount_refunded_cents: cents(row.amount_refunded_cents),
    currency: row.currency,
    provider: row.provider,
    provider_reference: row.provider_reference,
    receipt: row.receipt,
    failure_code: row.failure_code,
    failure_message: row.failure_message,
    flagged_reason: row.flagged_reason,
    metadata: row.metadata,
    callback_url: row.callback_url,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** Integer cents from an int8 column (a string or bigint on the wire), refusing anything inexact. */
export function cents(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`amount ${String(value)} is not a safe integer`);
  return n;
}

/** ISO 8601 in UTC with milliseconds (`2026-02-07T03:15:30.000Z`). */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Keyset position of a row, as `to_char` writes it: microseconds, UTC. */
export const positionColumn = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`;

/** Where a newest-first page starts: after this row. */
export interface After {
  createdAt: string;
  id: string;
}

/** Stripe's modes: every object belongs to one. */
export type Mode = 'test' | 'live';

/** Whose objects a query may see: one merchant, in one mode. */
export interface Scope {
  merchantId: string;
  mode: Mode;
}

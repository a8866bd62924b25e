import { DomainError } from '../errors/domain-error.js';

/** Keyset position of a row in newest-first order. */
export interface Position {
  createdAt: string;
  id: string;
}

/** Opaque cursor: base64url of the last row's position. */
export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.createdAt}|${position.id}`).toString('base64url');
}

/**
 * One page from rows fetched with `limit + 1` (the extra row only tells whether there is more),
 * newest first, each carrying its exact `position` timestamp.
 */
export function toPage<Row extends { position: string; id: string }, Item>(
  rows: Row[],
  limit: number,
  items: (page: Row[]) => Item[],
) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return {
    success: true as const,
    data: items(page),
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor({ createdAt: last.position, id: last.id }) : null,
  };
}

// Exactly what `encodeCursor` writes: the SQL `to_char` timestamp (microseconds, UTC) and an id.
const cursorText = /^(?!0000)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\|[a-z]{2,3}_[0-9a-z]{20}$/;

/** Reads a cursor back, refusing (400) anything `encodeCursor` would not have written. */
export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, id] = text.split('|');
  if (!cursorText.test(text) || !createdAt || !id || !isRealInstant(createdAt)) {
    throw new DomainError(
      'INVALID_REQUEST',
      'cursor is not one this API returned: pass next_cursor unchanged.',
      'cursor',
    );
  }
  return { createdAt, id };
}

/** True when the calendar fields name a real instant (no 30 February, no hour 24). */
function isRealInstant(timestamp: string): boolean {
  const time = Date.parse(timestamp);
  return (
    !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === timestamp.slice(0, 19)
  );
}

/**
 * A `created_from`/`created_to` filter PostgreSQL can compare: the contract accepts an ISO 8601
 * date-time with at most 9 fractional digits, but PostgreSQL has no year 0, so `0000-…` is a 400
 * here rather than a database error.
 */
export function dateFilter(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('0000')) {
    throw new DomainError('INVALID_REQUEST', `${field}: the year must be 0001 or later.`, field);
  }
  return value;
}

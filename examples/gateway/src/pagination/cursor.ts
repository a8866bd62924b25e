import { ApiError } from '../http/api-error.js';

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

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, id, extra] = text.split('|');
  if (!createdAt || !id || extra !== undefined || Number.isNaN(Date.parse(createdAt))) {
    throw new ApiError(
      'INVALID_REQUEST',
      'cursor is not one this API returned: pass next_cursor unchanged.',
      'cursor',
    );
  }
  return { createdAt, id };
}

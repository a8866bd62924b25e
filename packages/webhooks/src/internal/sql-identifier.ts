import { WebhookOptionsError } from '../errors/options-error.js';

/**
 * Checks a table name before it is written into SQL (names cannot be bound parameters) and
 * quotes it: `table` or `schema.table`, letters, digits and underscores.
 */
export function quoteTableName(table: unknown): { quoted: string; bare: string } {
  if (
    typeof table !== 'string' ||
    !/^([A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)
  ) {
    throw new WebhookOptionsError(
      'table',
      `expected a table name (letters, digits and _, optionally schema.table), got ${JSON.stringify(table)}.`,
    );
  }
  const parts = table.split('.');
  return { quoted: parts.map((p) => `"${p}"`).join('.'), bare: parts[parts.length - 1] as string };
}

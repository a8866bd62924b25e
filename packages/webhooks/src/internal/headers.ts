/**
 * Headers as any runtime gives them: a Fetch `Headers`, a plain record, or Node's
 * `IncomingHttpHeaders` (values may be arrays).
 */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Reads one header case-insensitively; repeated values are joined with `, ` as Fetch does. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (
    typeof (headers as Headers).get === 'function' &&
    typeof (headers as Headers).has === 'function'
  ) {
    // A Fetch Headers answers a string or null; a look-alike (a Map, a framework's object) may not.
    return headerText((headers as Headers).get(name) as unknown);
  }
  const record = headers as Record<string, unknown>;
  // Node keys headers in lower case, as the schemes name them: look the name up before lowering.
  let value = record[name];
  if (value === undefined) {
    const wanted = name.toLowerCase();
    value = record[wanted];
    if (value === undefined) {
      for (const key in record) {
        if (key.toLowerCase() === wanted) {
          value = record[key];
          break;
        }
      }
    }
  }
  return headerText(value);
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

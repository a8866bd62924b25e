/** How deep a request body may nest; our own bodies need 3 levels, metadata a few more. */
export const maxJsonDepth = 32;

/**
 * Why PostgreSQL could not store this parsed JSON as text or `jsonb`, or `undefined` when it can:
 * U+0000 (text cannot hold it), a lone UTF-16 surrogate (`"\ud800"` parses, but is not Unicode
 * and `jsonb` refuses it), or nesting deeper than `maxDepth`. The walk is iterative, so a deeply
 * nested body costs a loop, never the call stack.
 */
export function unstorableJson(
  value: unknown,
  maxDepth = maxJsonDepth,
  /**
   * A request body: also refuse numbers that would not be kept as sent and members named
   * `__proto__` (never for M-Pesa's bodies, which are kept whatever they hold).
   */
  requestBody = false,
): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item === 'string') {
      const problem = unstorableText(item);
      if (problem) return problem;
      continue;
    }
    if (typeof item === 'number' && requestBody) {
      const problem = unkeptNumber(item);
      if (problem) return problem;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return `it nests deeper than ${maxDepth} levels`;
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
      continue;
    }
    for (const [key, element] of Object.entries(item)) {
      // Kept by JSON.parse, but lost (or worse) wherever the object is copied or spread. At the
      // top level the request's schema refuses it by name, as it refuses any unknown field.
      if (key === '__proto__' && requestBody && depth > 0) {
        return 'a member is named __proto__: rename it';
      }
      const problem = unstorableText(key);
      if (problem) return problem;
      stack.push([element, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Why a parsed JSON number cannot be kept as sent: one too large for a double (`1e400` parses as
 * Infinity and would be stored as null), or a whole number past 2^53 (it would be stored rounded).
 */
function unkeptNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'a number in it is too large to keep (send it as a string)';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return 'a whole number in it is larger than 9007199254740991 and would be kept rounded (send it as a string)';
  }
  return undefined;
}

/** Why `text` cannot be stored as PostgreSQL text, or `undefined` when it can. */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'text in it contains NUL (\\u0000) characters';
  if (!text.isWellFormed()) return 'text in it contains a lone UTF-16 surrogate (not Unicode)';
  return undefined;
}

/** `text` made storable: NUL and lone surrogates become U+FFFD (for text we only log). */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\ufffd');
}

import * as z from 'zod/mini';

/**
 * A string enum that reads leniently: known values are typed, and a value a newer gateway adds
 * still parses (as a plain string) instead of breaking an older client.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodMiniType<
    T[number] | (string & {})
  >;
}

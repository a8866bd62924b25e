/**
 * Builds a value on first use. Module-level zod schemas wrapped in `lazy` cost nothing to
 * bundles that never use them (a plain `z.object(...)` call is kept by tree-shaking).
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/**
 * True when `error` carries one of `names` and a string `code`. Guards match by name as well as
 * `instanceof` because two bundles (ESM and CJS, or two versions) each have their own classes.
 */
export function hasErrorName(error: unknown, names: readonly string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    names.includes((error as { name?: unknown }).name as string) &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

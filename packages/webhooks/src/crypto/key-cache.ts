/**
 * Importing a key costs about as much as using it once. Schemes memoise parsed secrets, so the
 * same bytes object recurs: its imported key is kept beside it in `cache`, and collected with it.
 */
export function importOnce<K>(
  cache: WeakMap<Uint8Array, Promise<K>>,
  bytes: Uint8Array,
  make: () => Promise<K>,
): Promise<K> {
  let key = cache.get(bytes);
  if (!key) {
    key = make();
    cache.set(bytes, key);
    key.catch(() => cache.delete(bytes));
  }
  return key;
}

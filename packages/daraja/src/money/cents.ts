/**
 * Converts a Daraja money value to integer cents without floating-point arithmetic: `"700000.00"`
 * → `70000000`, `"-1540.00"` → `-154000`, `10` → `1000`, `10116.5` → `1011650`. Numbers are read
 * through their shortest decimal text (what the JSON said), so `0.1 + 0.2`-style drift never
 * enters. Returns `undefined` for anything that is not a plain decimal with at most two places.
 */
export function toCents(value: unknown): number | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = /^([+-])?(\d+)(?:\.(\d{1,2})0*)?$/.exec(text);
  if (!match) return undefined;
  const [, sign, shillings, fraction = ''] = match;
  const cents = Number(shillings) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  return sign === '-' && cents !== 0 ? -cents : cents;
}

/**
 * An `Amount` as Daraja takes it: a whole number of shillings, sent as a JSON number or as a
 * string of digits. Anything else (`"1e2"`, `"10.5"`, `" 10"`, `true`, `[5]`, `""`) reads as
 * `NaN`, so the caller's range check refuses it, where `Number()` would have read 100, 10.5,
 * 10, 1, 5 and 0.
 */
export function wholeAmount(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return Number.NaN;
}

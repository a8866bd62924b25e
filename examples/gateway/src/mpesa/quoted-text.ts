/**
 * The most of M-Pesa's own text (a `ResultDesc`, a parse error quoting a field) an outcome
 * quotes: outcomes are logged and stored beside the body, which keeps the whole text, and a
 * broken or forged body can make that text as long as the body limit.
 */
export const maxQuotedLength = 500;

/** `text` cut to {@link maxQuotedLength} characters, saying how long it was; no pair is split. */
export function quoted(text: string): string {
  if (text.length <= maxQuotedLength) return text;
  const last = text.charCodeAt(maxQuotedLength - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? maxQuotedLength - 1 : maxQuotedLength;
  return `${text.slice(0, end)}… (${text.length} characters in all)`;
}

/**
 * Credentials an answer may repeat, blanked before it reaches an error: a proxy that echoes the
 * request puts the `Authorization` header (`Basic <key:secret>`, the bearer token) and the body's
 * secrets (the STK `Password`, which decodes to the passkey; an initiator's
 * `SecurityCredential`) into whatever it answers, and errors are logged and inspected.
 */

/** Body members that hold a credential, whatever their case. */
const secretMembers = /^(password|securitycredential|access_token)$/i;

/** `text` with every credential it repeats blanked. */
export function withoutCredentials(text: string): string {
  return (
    text
      // The separator as a proxy may echo it: a space, or a space percent- or JSON-escaped.
      .replace(/\b(Basic|Bearer)(?:\s|%20|\\u0020)+[A-Za-z0-9+/=._~%-]+/gi, '$1 [redacted]')
      // A body echoed as JSON text: "Password":"…", also with escaped quotes.
      .replace(
        /((?:\\?")(?:password|securitycredential|access_token)\\?"\s*:\s*\\?")(?:[^"\\]|\\(?!"))*/gi,
        '$1[redacted]',
      )
  );
}

/** A copy of a parsed body with {@link withoutCredentials} applied throughout and secret members blanked. */
export function redacted(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutCredentials(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redacted(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      secretMembers.test(key) && item !== null && item !== undefined
        ? '[redacted]'
        : redacted(item, depth + 1);
  }
  return copy;
}

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
      // An Authorization value as a proxy may echo it; a space, or a space percent- or JSON-
      // escaped, before a credential-length token ("Bearer token expired" is left alone).
      .replace(/\b(Basic|Bearer)(?:\s|%20|\\u0020)+[A-Za-z0-9+/=._~%-]{12,}/gi, '$1 [redacted]')
      // A secret member echoed as text: JSON (escaped any number of times), a form, a header.
      .replace(
        /((?:password|securitycredential|access_token)(?:\\*")?\s*[:=]\s*(?:\\*")?)[^"\\&\s<>,}]+/gi,
        '$1[redacted]',
      )
      // …or XML.
      .replace(/(<(?:password|securitycredential|access_token)>)[^<]*/gi, '$1[redacted]')
  );
}

/** How deep a parsed body is copied; anything deeper is left out, not copied unredacted. */
const maxDepth = 8;

/** A copy of a parsed body with {@link withoutCredentials} applied throughout and secret members blanked. */
export function redacted(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutCredentials(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > maxDepth) return '[too deep: left out]';
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

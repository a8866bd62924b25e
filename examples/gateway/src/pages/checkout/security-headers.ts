/**
 * Headers of every hosted-page answer. The Content-Security-Policy allows only the gateway's own
 * script and API, and no inline code but the page's one stylesheet, by its hash; `frame-ancestors` names the session's allowed
 * origins (none: the page cannot be framed at all). `no-referrer`: the page URL is the session's
 * only credential and must not leak to the merchant's return pages.
 */
export function checkoutPageHeaders(
  allowedOrigins: readonly string[],
  styleHash: string,
): Record<string, string> {
  const ancestors = allowedOrigins.length > 0 ? allowedOrigins.join(' ') : "'none'";
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      `style-src '${styleHash}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  };
}

import { createHash } from 'node:crypto';

/**
 * Headers of every reference page (`/`, `/docs`) besides its Content-Security-Policy: no MIME
 * sniffing, no Referer to the sites it links to, never framed (also `frame-ancestors 'none'` in
 * each policy), and HTML revalidated on every visit, so a new renderer build is picked up at once.
 */
export function pageHeaders(contentSecurityPolicy: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy.join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/** The `'sha256-…'` source expression that allows exactly this inline script or stylesheet. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

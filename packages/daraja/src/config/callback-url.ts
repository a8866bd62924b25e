import ipaddr from 'ipaddr.js';
import { DarajaValidationError } from '../errors/field-errors.js';
import type { ResolvedDarajaConfig } from './options.js';

/**
 * Picks the URL Daraja will POST to (the argument, else the client default) and checks it before
 * any network call: absolute, and HTTPS whenever the client talks to production.
 */
export function requireCallbackUrl(
  config: ResolvedDarajaConfig,
  field: string,
  given: string | undefined,
  fallback: string | undefined,
  label: string,
): string {
  if (given !== undefined && typeof given !== 'string') {
    throw new DarajaValidationError(field, 'expected a URL string.');
  }
  const value = given ?? fallback;
  if (value === undefined) {
    throw new DarajaValidationError(
      field,
      `no ${label}: pass \`${field}\` here or set it in createDaraja().`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DarajaValidationError(field, `"${value}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !talksToProduction(config))) {
    throw new DarajaValidationError(
      field,
      'must use https:// (http:// is accepted only against the sandbox or a simulator).',
    );
  }
  if (url.username || url.password) {
    throw new DarajaValidationError(
      field,
      'must not hold a user name or password: Daraja would send them to no one, and they would sit in every request.',
    );
  }
  if (talksToProduction(config) && unreachableFromSafaricom(url.hostname)) {
    throw new DarajaValidationError(
      field,
      `points at ${url.hostname}, an address Safaricom cannot reach (loopback, private or link-local): give your server's public https:// address.`,
    );
  }
  return value;
}

/** Ranges of IP literals no callback from Safaricom's servers can ever reach. */
const unreachableRanges = new Set([
  'unspecified',
  'loopback',
  'private',
  'linkLocal',
  'uniqueLocal',
  'carrierGradeNat',
  'reserved',
  'broadcast',
]);

/** `localhost` names and IP literals in private, loopback or link-local ranges. */
export function unreachableFromSafaricom(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host)) return false;
  const address = ipaddr.process(host);
  return unreachableRanges.has(address.range());
}

/**
 * Production by name, or a custom base URL on Safaricom's production host (a proxy path, a
 * pinned version): payment callbacks there must be HTTPS.
 */
export function talksToProduction(config: ResolvedDarajaConfig): boolean {
  if (config.environment === 'production') return true;
  try {
    return new URL(config.baseUrl).hostname === 'api.safaricom.co.ke';
  } catch {
    return false;
  }
}

import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { DomainError } from '../errors/domain-error.js';

/**
 * Only globally routable unicast addresses are public; everything else is refused by default. An
 * IPv6 address that embeds an IPv4 one (mapped `::ffff:a.b.c.d`, the deprecated compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by the IPv4 address it reaches.
 */
export function isPublicAddress(address: string): boolean {
  try {
    const parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
    const embedded = embeddedIpv4(parsed as ipaddr.IPv6);
    if (embedded) return embedded.range() === 'unicast';
    return parsed.range() === 'unicast';
  } catch {
    return false;
  }
}

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const parts = address.parts;
  const last32 = () =>
    new ipaddr.IPv4([
      (parts[6] as number) >> 8,
      (parts[6] as number) & 0xff,
      (parts[7] as number) >> 8,
      (parts[7] as number) & 0xff,
    ]);
  const zeros = (from: number, to: number) => parts.slice(from, to).every((part) => part === 0);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  // ::a.b.c.d (but not :: and ::1, judged as IPv6 unspecified and loopback).
  if (zeros(0, 6) && !(parts[6] === 0 && (parts[7] ?? 0) <= 1)) return last32();
  if (parts[0] === 0x64 && parts[1] === 0xff9b && zeros(2, 6)) return last32();
  if (parts[0] === 0x2002) {
    const [high, low] = [parts[1] as number, parts[2] as number];
    return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return undefined;
}

/** A destination this gateway will not send to. */
export class DestinationRefusedError extends Error {
  override readonly name = 'DestinationRefusedError';
}

/**
 * Early feedback when a URL is registered: http(s) only, no credentials in it, and (unless
 * private destinations are allowed) no literal private, loopback or link-local address. The
 * decisive check happens at connection time in {@link createDeliveryAgent}, against the
 * address actually dialled, so DNS cannot be used to slip past it.
 */
export async function checkWebhookUrl(
  url: string,
  allowPrivate: boolean,
  field: string,
): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('INVALID_REQUEST', `${field} must be an absolute http(s) URL.`, field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new DomainError(
      'INVALID_REQUEST',
      `${field} must use https (or http for local development).`,
      field,
    );
  }
  if (parsed.username || parsed.password) {
    throw new DomainError('INVALID_REQUEST', `${field} must not contain credentials.`, field);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && ((isIP(host) && !isPublicAddress(host)) || privateName(host))) {
    throw new DomainError(
      'INVALID_REQUEST',
      `${field} points at a private, loopback or link-local address; use a public URL (or set ALLOW_PRIVATE_WEBHOOK_URLS=true for local development).`,
      field,
    );
  }
}

/**
 * Names that never lead to a public server: `localhost` (with or without its root dot) and the
 * names reserved for local networks. Delivery checks the dialled address of every name anyway
 * (other names may resolve anywhere); this refuses these at registration, where the merchant can
 * fix the URL.
 */
function privateName(host: string): boolean {
  if (isIP(host)) return false;
  const name = host.toLowerCase().replace(/\.+$/, '');
  return (
    name === 'localhost' ||
    name === 'localhost.localdomain' ||
    /\.(localhost|local|internal|home\.arpa)$/.test(name)
  );
}

/**
 * The HTTP agent for webhook deliveries, pooling kept-alive connections per destination: every
 * connection's resolved address is checked before it is dialled (an SSRF guard immune to DNS rebinding), unless private destinations are allowed.
 */
export function createDeliveryAgent(allowPrivate: boolean, connectionsPerOrigin: number): Agent {
  return new Agent({
    // Kept-alive connections per destination origin, bounded: one slow receiver holds at most
    // this many; its other deliveries wait for a free connection.
    connections: connectionsPerOrigin,
    connect: {
      timeout: 5_000,
      lookup: (hostname, options, callback) => {
        lookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          const list = addresses as unknown as { address: string; family: number }[];
          const usable = allowPrivate
            ? list
            : list.filter((entry) => isPublicAddress(entry.address));
          const first = usable[0];
          if (!first) {
            return callback(
              new DestinationRefusedError(
                `${hostname} resolves only to private, loopback or link-local addresses; refused (ALLOW_PRIVATE_WEBHOOK_URLS=true allows them for local development).`,
              ),
              '',
              0,
            );
          }
          if ((options as { all?: boolean }).all) {
            (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
          } else {
            callback(null, first.address, first.family);
          }
        });
      },
    },
  });
}

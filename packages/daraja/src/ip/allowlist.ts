import ipaddr from 'ipaddr.js';
import { DarajaConfigError } from '../errors/field-errors.js';
import { safaricomCallbackIps } from './safaricom-ips.js';

type Address = ReturnType<typeof ipaddr.parse>;
type Range = [Address, number];

/** Parses an address, unwrapping IPv4-mapped IPv6 (`::ffff:196.201.214.200`); undefined if invalid. */
export function parseIp(value: string | undefined | null): Address | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(trimmed)) return undefined;
  try {
    return ipaddr.process(trimmed);
  } catch {
    return undefined;
  }
}

function toRanges(entries: readonly string[], option: string): Range[] {
  return entries.map((entry, index) => {
    const value = entry.trim();
    try {
      if (value.includes('/')) {
        const [address, bits] = ipaddr.parseCIDR(value);
        const unwrapped =
          address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
            ? (address as ipaddr.IPv6).toIPv4Address()
            : address;
        return [
          unwrapped,
          unwrapped.kind() === address.kind() ? bits : Math.max(0, bits - 96),
        ] as Range;
      }
      const address = parseIp(value);
      if (!address) throw new Error('invalid');
      return [address, address.kind() === 'ipv4' ? 32 : 128] as Range;
    } catch {
      throw new DarajaConfigError(
        `${option}.${index}`,
        `"${entry}" is not an IP address or CIDR range.`,
      );
    }
  });
}

function matches(address: Address, ranges: Range[]): boolean {
  return ranges.some(
    ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
  );
}

/** Options of {@link createIpAllowlist}. */
export interface IpAllowlistOptions {
  /**
   * Addresses and CIDR ranges allowed to call. `::ffff:` forms are unwrapped.
   * @default safaricomCallbackIps
   */
  allow?: readonly string[] | undefined;
  /**
   * Addresses or ranges of your own reverse proxies. Only when the connection comes from one of
   * them is `X-Forwarded-For` read (right to left, skipping trusted hops). Never trust it otherwise:
   * anyone can send the header.
   * @default []
   */
  trustedProxies?: readonly string[] | undefined;
}

/** What the allowlist decided about a request. */
export interface IpCheck {
  allowed: boolean;
  /** The client address it judged (after proxy handling), if one could be read. */
  ip: string | undefined;
}

/** An allowlist check for callback sources. */
export interface IpAllowlist {
  /**
   * Judges a request from its socket address and, behind trusted proxies, its
   * `X-Forwarded-For` header. Never throws: unreadable input is simply not allowed.
   */
  check(remoteAddress: string | undefined, forwardedFor?: string | null | undefined): IpCheck;
  /** The client address after proxy handling, or undefined. */
  clientIp(
    remoteAddress: string | undefined,
    forwardedFor?: string | null | undefined,
  ): string | undefined;
}

/**
 * Builds a source-IP allowlist (Safaricom's callback addresses by default). Invalid entries fail
 * here, at start-up, with a {@link DarajaConfigError}.
 *
 * @example
 * const allowlist = createIpAllowlist({ trustedProxies: ['10.0.0.0/8'] });
 * allowlist.check(socket.remoteAddress, headers.get('x-forwarded-for')).allowed;
 */
export function createIpAllowlist(options: IpAllowlistOptions = {}): IpAllowlist {
  const allowed = toRanges(options.allow ?? safaricomCallbackIps, 'allow');
  const proxies = toRanges(options.trustedProxies ?? [], 'trustedProxies');

  const clientIp = (remoteAddress: string | undefined, forwardedFor?: string | null) => {
    let current = parseIp(remoteAddress);
    if (!current) return undefined;
    if (proxies.length > 0 && typeof forwardedFor === 'string') {
      const hops = forwardedFor.split(',');
      while (matches(current, proxies) && hops.length > 0) {
        const next = parseIp(hops.pop());
        if (!next) return undefined;
        current = next;
      }
    }
    return current.toString();
  };

  return {
    clientIp,
    check(remoteAddress, forwardedFor) {
      const ip = clientIp(remoteAddress, forwardedFor);
      const address = parseIp(ip);
      return { allowed: address !== undefined && matches(address, allowed), ip };
    },
  };
}

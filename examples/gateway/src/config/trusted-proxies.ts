import ipaddr from 'ipaddr.js';

/**
 * What is wrong with a `MPESA_TRUSTED_PROXIES` list: entries that are not an address or CIDR
 * range, and ranges so wide (an IPv4 prefix under /8, an IPv6 one under /16, `0.0.0.0/0`) that
 * any client could pass for a proxy and forge `X-Forwarded-For` past Safaricom's allowlist.
 */
export function trustedProxyProblems(list: string | undefined): string[] {
  if (list === undefined) return [];
  return list
    .split(',')
    .map((entry) => entry.trim())
    .flatMap((entry) => {
      let prefix: number;
      let kind: string;
      try {
        if (entry.includes('/')) {
          const [range, bits] = ipaddr.parseCIDR(entry);
          [kind, prefix] = [range.kind(), bits];
        } else {
          const address = ipaddr.parse(entry);
          [kind, prefix] = [address.kind(), address.kind() === 'ipv4' ? 32 : 128];
        }
      } catch {
        return [`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24).`];
      }
      const widest = kind === 'ipv4' ? 8 : 16;
      return prefix < widest
        ? [
            `"${entry}" trusts too many addresses (narrower than /${widest} required): any client could forge X-Forwarded-For.`,
          ]
        : [];
    });
}

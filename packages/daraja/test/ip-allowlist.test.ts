import { describe, expect, it } from 'vitest';
import { createIpAllowlist, DarajaConfigError, safaricomCallbackIps } from '../src/index.js';

describe('createIpAllowlist', () => {
  const allowlist = createIpAllowlist();

  it('allows every published Safaricom address, plain and IPv4-mapped', () => {
    expect(safaricomCallbackIps).toHaveLength(12);
    for (const ip of safaricomCallbackIps) {
      expect(allowlist.check(ip).allowed).toBe(true);
      expect(allowlist.check(`::ffff:${ip}`)).toEqual({ allowed: true, ip });
    }
  });

  it.each(['196.201.214.201', '127.0.0.1', '::1', '', 'not-an-ip', undefined, '999.1.1.1'])(
    'refuses %j',
    (ip) => {
      expect(allowlist.check(ip).allowed).toBe(false);
    },
  );

  it('ignores X-Forwarded-For unless the socket is a trusted proxy', () => {
    expect(allowlist.check('203.0.113.9', '196.201.214.200').allowed).toBe(false);
    const behindProxy = createIpAllowlist({ trustedProxies: ['10.0.0.0/8'] });
    expect(behindProxy.check('10.1.2.3', '196.201.214.200')).toEqual({
      allowed: true,
      ip: '196.201.214.200',
    });
    // A client-supplied entry left of the real hop does not count.
    expect(behindProxy.check('10.1.2.3', '196.201.214.200, 203.0.113.9').allowed).toBe(false);
    // Several trusted hops are skipped from the right.
    expect(behindProxy.check('10.1.2.3', '196.201.214.206, 10.9.9.9').allowed).toBe(true);
    expect(behindProxy.check('::ffff:10.1.2.3', 'garbage').allowed).toBe(false);
  });

  it('accepts CIDR entries, including IPv6', () => {
    const custom = createIpAllowlist({ allow: ['196.201.212.0/24', '2001:db8::/32'] });
    expect(custom.check('196.201.212.250').allowed).toBe(true);
    expect(custom.check('2001:db8::1').allowed).toBe(true);
    expect(custom.check('196.201.213.1').allowed).toBe(false);
  });

  it('fails at construction on an invalid entry, naming it', () => {
    expect(() => createIpAllowlist({ allow: ['196.201.214.200', 'nope'] })).toThrow(
      DarajaConfigError,
    );
    expect(() => createIpAllowlist({ trustedProxies: ['10.0.0.0/99'] })).toThrow(
      /trustedProxies\.0/,
    );
  });
});

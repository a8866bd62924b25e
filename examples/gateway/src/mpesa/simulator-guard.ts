import ipaddr from 'ipaddr.js';

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  if (address === 'localhost') return true;
  try {
    return ipaddr.process(address).range() === 'loopback';
  } catch {
    return false;
  }
}

/** A callback path below `/callbacks/mpesa/`: the token, then for results what they are for. */
export const callbackPathPattern =
  /^[\w-]+(?:\/(?:results|timeouts)\/(?:payout|refund|status|balance)\/[\w-]+)?$/;

/**
 * Where the simulator may post callbacks and results: this gateway's own callback route only — on a loopback
 * address (any port: several API processes may share one simulator) or at `PUBLIC_URL`. Anything
 * else is refused as Daraja refuses a bad `CallBackURL`, so the simulator cannot be made to POST
 * elsewhere.
 */
export function gatewayCallbackUrls(publicUrl: string | undefined): (url: string) => boolean {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (candidate) => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    const route = '/callbacks/mpesa/';
    if (
      !url.pathname.startsWith(route) ||
      !callbackPathPattern.test(url.pathname.slice(route.length)) ||
      url.search ||
      url.username
    )
      return false;
    if (url.origin === publicOrigin) return true;
    return url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  };
}

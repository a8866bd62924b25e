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

/**
 * Where the simulator may post callbacks: this gateway's own callback route only — on a loopback
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
    if (!/^\/callbacks\/mpesa\/[^/]+$/.test(url.pathname) || url.search || url.username)
      return false;
    if (url.origin === publicOrigin) return true;
    return url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  };
}

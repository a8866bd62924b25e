/**
 * `DATABASE_URL` fit to print: its password (in the user part or a `password=` parameter) becomes
 * `***`. Also for URLs `new URL` refuses, which the driver may still accept.
 */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Unparseable (a password holding `/` or `#`, say): everything between the user's `:` and
    // the last `@` goes, whatever it holds.
    const at = url.lastIndexOf('@');
    const userColon = /^[a-z]+:\/\/[^:/@]*:/i.exec(url)?.[0].length;
    const hidden =
      userColon !== undefined && at > userColon
        ? `${url.slice(0, userColon)}***${url.slice(at)}`
        : url;
    return hidden.replace(/password=[^&]*/g, 'password=***');
  }
}

/** The password `url` carries, if any, to blank out of a driver's message. */
export function passwordOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.password) || parsed.searchParams.get('password') || undefined;
  } catch {
    return /:([^:@/]+)@/.exec(url)?.[1];
  }
}

import { MalipoOptionsError } from '../errors/client-errors.js';
import { MalipoError } from '../errors/malipo-error.js';
import type { MalipoOptions, ResolvedOptions } from '../options.js';

const bad = (field: string, message: string) => new MalipoOptionsError(field, message);

/** An object whose entries each hold a `response` schema (zod's `safeParse`), like `routes`. */
function isRouteTable(table: unknown): boolean {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return false;
  return Object.values(table).every(
    (route) =>
      typeof route === 'object' &&
      route !== null &&
      typeof (route as { response?: { safeParse?: unknown } }).response?.safeParse === 'function',
  );
}

/** Checks constructor options once, with messages that name the option. */
export function resolveOptions(options: MalipoOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null)
    throw bad('(root)', 'new Malipo() needs an options object.');
  for (const name of ['apiKey', 'apiSecret', 'baseUrl'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '')
      throw bad(name, 'must be a non-empty string.');
  }
  // Sent as headers: a character a header cannot carry would fail every call, with a message
  // quoting the credential. Never quoted here.
  for (const name of ['apiKey', 'apiSecret'] as const) {
    // Surrounding whitespace (a secret read from a file ends in a newline) is dropped, as fetch
    // drops it from a header value; whitespace inside is a mistake.
    if (!/^[\x21-\x7e]+$/.test(options[name].trim()))
      throw bad(name, 'may hold only printable ASCII; copy it again from your dashboard.');
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw bad('baseUrl', `"${options.baseUrl.slice(0, 200)}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw bad('baseUrl', 'must be http(s).');
  if (url.username || url.password) throw bad('baseUrl', 'must not hold a user name or password.');
  // Paths are appended to it: a query or fragment would swallow them.
  if (url.search || url.hash || options.baseUrl.includes('?') || options.baseUrl.includes('#'))
    throw bad('baseUrl', "must not hold a query or a fragment: give the gateway's address alone.");
  const number = (name: 'timeout' | 'deadline' | 'maxRetries', fallback: number, min: number) => {
    const value = options[name] ?? fallback;
    // Timers hold at most 2^31 - 1 ms; ky refuses more only when a call is made.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2 ** 31 - 1)
      throw bad(name, `must be a whole number from ${min} to 2147483647.`);
    return value;
  };
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw bad('fetch', 'must be a function.');
  if (options.validateResponses !== undefined && !isRouteTable(options.validateResponses))
    throw bad('validateResponses', "must be the contract's route table (or left out).");
  // Verification left the main entry: say where it went rather than ignore the secret.
  if ('webhookSecret' in options)
    throw bad(
      'webhookSecret',
      "is not an option of Malipo: verify webhooks with new Webhooks({ secret }) from '@malipo/client/webhooks'.",
    );
  const inBrowser =
    typeof (globalThis as { document?: unknown }).document !== 'undefined' &&
    typeof (globalThis as { window?: unknown }).window !== 'undefined';
  if (inBrowser && !options.dangerouslyAllowBrowser) {
    throw new MalipoError(
      'browser_not_allowed',
      'this client carries your API secret and must run on a server. In the browser use @malipo/client/checkout; set dangerouslyAllowBrowser only for trusted internal tools.',
    );
  }
  return {
    apiKey: options.apiKey.trim(),
    apiSecret: options.apiSecret.trim(),
    baseUrl: url.toString().replace(/\/+$/, ''),
    timeout: number('timeout', 30_000, 1),
    deadline: number('deadline', 120_000, 1),
    maxRetries: number('maxRetries', 2, 0),
    fetch: options.fetch,
    validateResponses: options.validateResponses,
  };
}

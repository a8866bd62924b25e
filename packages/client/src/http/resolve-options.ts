import { MalipoOptionsError } from '../errors/client-errors.js';
import { MalipoError } from '../errors/malipo-error.js';
import type { MalipoOptions, ResolvedOptions } from '../options.js';

const bad = (field: string, message: string) => new MalipoOptionsError(field, message);

/** Checks constructor options once, with messages that name the option. */
export function resolveOptions(options: MalipoOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null)
    throw bad('(root)', 'new Malipo() needs an options object.');
  for (const name of ['apiKey', 'apiSecret', 'baseUrl'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '')
      throw bad(name, 'must be a non-empty string.');
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw bad('baseUrl', `"${options.baseUrl}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw bad('baseUrl', 'must be http(s).');
  const number = (name: 'timeout' | 'deadline' | 'maxRetries', fallback: number, min: number) => {
    const value = options[name] ?? fallback;
    // Timers hold at most 2^31 - 1 ms; ky refuses more only when a call is made.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2 ** 31 - 1)
      throw bad(name, `must be a whole number from ${min} to 2147483647.`);
    return value;
  };
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw bad('fetch', 'must be a function.');
  if (
    options.validateResponses !== undefined &&
    (typeof options.validateResponses !== 'object' || options.validateResponses === null)
  )
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
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    baseUrl: url.toString().replace(/\/+$/, ''),
    timeout: number('timeout', 30_000, 1),
    deadline: number('deadline', 120_000, 1),
    maxRetries: number('maxRetries', 2, 0),
    fetch: options.fetch,
    validateResponses: options.validateResponses,
  };
}

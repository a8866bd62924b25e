import * as z from 'zod/mini';
import { DarajaConfigError } from '../errors/field-errors.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import { unreachableFromSafaricom } from './callback-url.js';
import type { DarajaOptions, ResolvedDarajaConfig } from './options.js';

const hosts = {
  sandbox: 'https://sandbox.safaricom.co.ke',
  production: 'https://api.safaricom.co.ke',
} as const;

const nonEmpty = (what: string) =>
  z
    .string({ error: `expected the ${what} as a string.` })
    .check(z.refine((v) => v.trim() !== '', `the ${what} must not be empty.`));

/** Timers hold at most 2^31 - 1 ms; more would fail every call instead of at construction. */
const maxMs = 2 ** 31 - 1;

const wholeNumber = (what: string, min: number, max: number) =>
  z.optional(
    z
      .number({ error: `expected ${what} as a number.` })
      .check(
        z.refine(
          (v) => Number.isInteger(v) && v >= min && v <= max,
          `${what} must be a whole number from ${min} to ${max}.`,
        ),
      ),
  );

const positiveInt = (what: string) => wholeNumber(what, 0, maxMs);

// A zero timeout would time every request out at once.
const atLeastOne = (what: string) => wholeNumber(what, 1, maxMs);

const httpUrl = (what: string) =>
  z.string({ error: `expected ${what} as a URL string.` }).check(
    z.refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, `${what} must be an absolute http(s) URL.`),
    // Credentials in a URL end up in error messages and logs; Daraja takes them as OAuth.
    z.refine((v) => {
      try {
        const url = new URL(v);
        return url.username === '' && url.password === '';
      } catch {
        return true;
      }
    }, `${what} must not carry a user name or password: give credentials as consumerKey and consumerSecret.`),
  );

const optionsSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    environment: z.union(
      [
        z.literal('sandbox'),
        z.literal('production'),
        z.object({ baseUrl: httpUrl('the base URL') }),
      ],
      { error: 'expected "sandbox", "production" or { baseUrl: "http://…" }.' },
    ),
    consumerKey: nonEmpty('consumer key'),
    consumerSecret: nonEmpty('consumer secret'),
    shortcode: z
      .string({ error: 'expected the shortcode as a string of digits.' })
      .check(z.regex(/^\d{5,7}$/, 'the shortcode must be 5 to 7 digits (for example "174379").')),
    passkey: nonEmpty('passkey'),
    tillNumber: z.optional(
      z
        .string({ error: 'expected the till number as a string of digits.' })
        .check(z.regex(/^\d{5,8}$/, 'the till number must be 5 to 8 digits.')),
    ),
    callbackUrl: z.optional(httpUrl('the callback URL')),
    initiator: z.optional(
      z.object(
        {
          name: nonEmpty('initiator name'),
          securityCredential: z
            .string({ error: 'expected the SecurityCredential as a base64 string.' })
            .check(
              z.refine(
                (v) => /^[A-Za-z0-9+/]{128,}={0,2}$/.test(v.trim()),
                'expected the base64 SecurityCredential (the initiator password encrypted with Safaricom\'s certificate, about 344 characters), not the password itself: make it with createSecurityCredential() from "@malipo/daraja/security-credential" or on the Daraja portal.',
              ),
            ),
        },
        { error: 'expected { name, securityCredential }.' },
      ),
    ),
    b2cShortcode: z.optional(
      z
        .string({ error: 'expected the B2C shortcode as a string of digits.' })
        .check(z.regex(/^\d{5,7}$/, 'the B2C shortcode must be 5 to 7 digits.')),
    ),
    resultUrl: z.optional(httpUrl('the result URL')),
    queueTimeoutUrl: z.optional(httpUrl('the queue timeout URL')),
    timeoutMs: atLeastOne('timeoutMs'),
    retry: z.optional(
      z.object({
        limit: wholeNumber('retry.limit', 0, 10),
        backoffLimitMs: positiveInt('retry.backoffLimitMs'),
      }),
    ),
    rateLimit: z.optional(
      z.object({
        limit: z
          .number()
          .check(z.refine((v) => Number.isInteger(v) && v > 0, 'must be a whole number > 0.')),
        intervalMs: z
          .number()
          .check(
            z.refine(
              (v) => Number.isInteger(v) && v > 0 && v <= maxMs,
              `must be a whole number from 1 to ${maxMs}.`,
            ),
          ),
      }),
    ),
    tokenRefreshMarginMs: positiveInt('tokenRefreshMarginMs'),
    accountReferenceMaxLength: wholeNumber('accountReferenceMaxLength', 1, 100),
  }),
);

/** Every option `createDaraja()` reads: any other key is a typo that would be ignored. */
const knownOptions: ReadonlySet<string> = new Set<keyof DarajaOptions>([
  'environment',
  'consumerKey',
  'consumerSecret',
  'shortcode',
  'passkey',
  'tillNumber',
  'callbackUrl',
  'initiator',
  'b2cShortcode',
  'resultUrl',
  'queueTimeoutUrl',
  'timeoutMs',
  'retry',
  'rateLimit',
  'tokenRefreshMarginMs',
  'tokenStore',
  'accountReferenceMaxLength',
  'fetch',
  'now',
]);

/** Validates options once, at construction, and fills in defaults. */
export function resolveConfig(options: DarajaOptions): ResolvedDarajaConfig {
  if (typeof options !== 'object' || options === null) {
    throw new DarajaConfigError('(root)', 'createDaraja() needs an options object.');
  }
  for (const key of Object.keys(options)) {
    if (!knownOptions.has(key)) {
      throw new DarajaConfigError(
        key.slice(0, 40),
        `is not an option of createDaraja() (check its spelling); the options are ${[...knownOptions].join(', ')}.`,
      );
    }
  }
  const parsed = optionsSchema().safeParse(options);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaConfigError(path, message);
  }
  const o = parsed.data;
  const environment = typeof o.environment === 'string' ? o.environment : 'custom';
  const baseUrl = (
    typeof o.environment === 'string' ? hosts[o.environment] : o.environment.baseUrl
  ).replace(/\/+$/, '');
  if (environment === 'production') {
    for (const name of ['callbackUrl', 'resultUrl', 'queueTimeoutUrl'] as const) {
      const url = o[name];
      if (url && new URL(url).protocol !== 'https:') {
        throw new DarajaConfigError(name, 'production callbacks must use https://.');
      }
      if (url && unreachableFromSafaricom(new URL(url).hostname)) {
        throw new DarajaConfigError(
          name,
          "points at an address Safaricom cannot reach (loopback, private or link-local): give your server's public https:// address.",
        );
      }
    }
  }
  for (const name of ['fetch', 'now'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new DarajaConfigError(name, 'must be a function.');
    }
  }
  const store = options.tokenStore;
  if (
    store !== undefined &&
    (typeof store?.get !== 'function' ||
      typeof store.set !== 'function' ||
      typeof store.delete !== 'function')
  ) {
    throw new DarajaConfigError(
      'tokenStore',
      'must implement get(key), set(key, token) and delete(key).',
    );
  }
  return {
    baseUrl,
    environment,
    consumerKey: o.consumerKey.trim(),
    consumerSecret: o.consumerSecret.trim(),
    shortcode: o.shortcode,
    passkey: o.passkey.trim(),
    tillNumber: o.tillNumber,
    callbackUrl: o.callbackUrl,
    initiator: o.initiator && {
      name: o.initiator.name.trim(),
      securityCredential: o.initiator.securityCredential.trim(),
    },
    b2cShortcode: o.b2cShortcode ?? o.shortcode,
    resultUrl: o.resultUrl,
    queueTimeoutUrl: o.queueTimeoutUrl,
    timeoutMs: o.timeoutMs ?? 30_000,
    retryLimit: o.retry?.limit ?? 3,
    backoffLimitMs: o.retry?.backoffLimitMs ?? 8_000,
    rateLimit: o.rateLimit,
    tokenRefreshMarginMs: o.tokenRefreshMarginMs ?? 60_000,
    tokenStore: store,
    accountReferenceMaxLength: o.accountReferenceMaxLength ?? 12,
    fetch: options.fetch,
    now: options.now ?? Date.now,
  };
}

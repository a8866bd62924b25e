import * as z from 'zod';

const shortcode = z.string().regex(/^\d{5,7}$/, 'expected a 5 to 7 digit shortcode.');
const till = z.string().regex(/^\d{5,7}$/, 'expected a 5 to 7 digit till number.');
const baseUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL.' });

/** The variables of one mode's Daraja credentials (`MPESA_TEST_…` or `MPESA_LIVE_…`). */
const credentialVars = (prefix: string) => ({
  [`${prefix}CONSUMER_KEY`]: z.string().min(1).optional(),
  [`${prefix}CONSUMER_SECRET`]: z.string().min(1).optional(),
  [`${prefix}SHORTCODE`]: shortcode.optional(),
  [`${prefix}PASSKEY`]: z.string().min(1).optional(),
  [`${prefix}TILL_NUMBER`]: till.optional(),
  /** Another Daraja base URL (a proxy, or a local fake in tests). */
  [`${prefix}BASE_URL`]: baseUrl.optional(),
  /** The API operator (initiator) that sends payouts and refunds, and its password… */
  [`${prefix}INITIATOR_NAME`]: z.string().min(1).optional(),
  [`${prefix}INITIATOR_PASSWORD`]: z.string().min(1).optional(),
  /** …or its SecurityCredential, already encrypted (base64), instead of the password. */
  [`${prefix}SECURITY_CREDENTIAL`]: z.string().min(1).optional(),
});

/** Every M-Pesa credential variable, for the environment schema. */
export const mpesaModeVars = {
  ...credentialVars('MPESA_TEST_'),
  ...credentialVars('MPESA_LIVE_'),
  /** Before modes: one credential set, its mode chosen by MPESA_ENVIRONMENT. */
  ...credentialVars('MPESA_'),
  MPESA_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
};

/** Safaricom credentials of one mode. */
export interface DarajaCredentials {
  kind: 'daraja';
  /** Sandbox for test mode, production for live mode; or another base URL. */
  environment: 'sandbox' | 'production' | { baseUrl: string };
  /**
   * Whose public key encrypts the initiator password: the mode's own environment, also when
   * `BASE_URL` sends its requests through a proxy (a proxy in front of production still needs
   * production's certificate).
   */
  certificate: 'sandbox' | 'production';
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  tillNumber: string | undefined;
  /**
   * The initiator for payouts and refunds (B2C, reversal, status, balance): its name and either
   * its password (encrypted here with the environment's certificate) or a ready credential.
   * Without it the mode collects payments but sends no money.
   */
  initiator:
    | { name: string; password: string | undefined; securityCredential: string | undefined }
    | undefined;
}

const names = ['CONSUMER_KEY', 'CONSUMER_SECRET', 'SHORTCODE', 'PASSKEY'] as const;
const extras = [
  'TILL_NUMBER',
  'BASE_URL',
  'INITIATOR_NAME',
  'INITIATOR_PASSWORD',
  'SECURITY_CREDENTIAL',
] as const;

/** One prefix's credentials: all four, none (undefined), or a problem naming the variables. */
function credentialsOf(
  e: Record<string, unknown>,
  prefix: string,
  environment: 'sandbox' | 'production',
): DarajaCredentials | undefined | string {
  const given = names.filter((name) => e[`${prefix}${name}`] !== undefined);
  if (given.length === 0) {
    // A setting of a credential set that is not there would be ignored without a word.
    const stray = extras.find((name) => e[`${prefix}${name}`] !== undefined);
    return stray === undefined
      ? undefined
      : `${prefix}${stray}: has no effect without ${names.map((name) => `${prefix}${name}`).join(', ')}; set those four too, or remove it.`;
  }
  if (given.length !== names.length) {
    return `${names.map((name) => `${prefix}${name}`).join(', ')}: set all four, or none.`;
  }
  const base = e[`${prefix}BASE_URL`] as string | undefined;
  const initiatorName = e[`${prefix}INITIATOR_NAME`] as string | undefined;
  const password = e[`${prefix}INITIATOR_PASSWORD`] as string | undefined;
  const securityCredential = e[`${prefix}SECURITY_CREDENTIAL`] as string | undefined;
  const secrets = [password, securityCredential].filter(Boolean).length;
  if ((initiatorName === undefined) !== (secrets === 0) || secrets > 1) {
    return `${prefix}INITIATOR_NAME with one of ${prefix}INITIATOR_PASSWORD or ${prefix}SECURITY_CREDENTIAL: set the name and one of the two for payouts and refunds, or none.`;
  }
  return {
    kind: 'daraja',
    environment: base ? { baseUrl: base.replace(/\/$/, '') } : environment,
    certificate: environment,
    consumerKey: e[`${prefix}CONSUMER_KEY`] as string,
    consumerSecret: e[`${prefix}CONSUMER_SECRET`] as string,
    shortcode: e[`${prefix}SHORTCODE`] as string,
    passkey: e[`${prefix}PASSKEY`] as string,
    tillNumber: e[`${prefix}TILL_NUMBER`] as string | undefined,
    initiator:
      initiatorName === undefined
        ? undefined
        : { name: initiatorName, password, securityCredential },
  };
}

/**
 * Daraja per mode, Stripe's way: test mode talks to the built-in simulator, or to Daraja's sandbox
 * when `MPESA_TEST_*` credentials are set; live mode talks to production with `MPESA_LIVE_*`, and
 * does not exist without them. A test key can never reach production: test credentials always go
 * to the sandbox. The older single set (`MPESA_CONSUMER_KEY`… with `MPESA_ENVIRONMENT`) fills the
 * mode its environment names.
 */
export function mpesaModes(e: Record<string, unknown>): {
  test: DarajaCredentials | undefined;
  live: DarajaCredentials | undefined;
  problems: string[];
} {
  const problems: string[] = [];
  const pick = (value: DarajaCredentials | undefined | string) => {
    if (typeof value === 'string') problems.push(value);
    return typeof value === 'string' ? undefined : value;
  };
  const legacyEnvironment = e.MPESA_ENVIRONMENT as 'sandbox' | 'production';
  const legacy = pick(credentialsOf(e, 'MPESA_', legacyEnvironment));
  let test = pick(credentialsOf(e, 'MPESA_TEST_', 'sandbox'));
  let live = pick(credentialsOf(e, 'MPESA_LIVE_', 'production'));
  if (legacy && legacyEnvironment === 'sandbox') {
    if (test)
      problems.push('MPESA_CONSUMER_KEY…: set MPESA_TEST_* or the older MPESA_* set, not both.');
    test ??= legacy;
  }
  if (legacy && legacyEnvironment === 'production') {
    if (live)
      problems.push('MPESA_CONSUMER_KEY…: set MPESA_LIVE_* or the older MPESA_* set, not both.');
    live ??= legacy;
  }
  return { test, live, problems };
}

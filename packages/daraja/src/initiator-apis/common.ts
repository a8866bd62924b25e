import * as z from 'zod/mini';
import { requireCallbackUrl } from '../config/callback-url.js';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaConfigError, DarajaValidationError } from '../errors/field-errors.js';
import { firstIssue } from '../internal/zod-issue.js';

/** Where Daraja posts the outcome of an asynchronous request. */
export interface ResultUrlsInput {
  /** Overrides the client's `resultUrl` for this request. */
  resultUrl?: string | undefined;
  /** Overrides the client's `queueTimeoutUrl` (itself defaulting to the result URL). */
  queueTimeoutUrl?: string | undefined;
}

/** The initiator, or a config error saying how to set it. */
export function requireInitiator(
  config: ResolvedDarajaConfig,
  call: string,
): { name: string; securityCredential: string } {
  if (config.initiator) return config.initiator;
  throw new DarajaConfigError(
    'initiator',
    `${call}() needs the API operator: pass initiator: { name, securityCredential } to createDaraja(). The securityCredential is the initiator password encrypted with Safaricom's certificate of the same environment: make it on a server with createSecurityCredential(password, 'sandbox' | 'production') from "@malipo/daraja/security-credential", or on the Daraja portal.`,
  );
}

/** `ResultURL` and `QueueTimeOutURL`, checked before any network call. */
export function resolveResultUrls(
  config: ResolvedDarajaConfig,
  input: ResultUrlsInput,
): { resultUrl: string; queueTimeoutUrl: string } {
  const resultUrl = requireCallbackUrl(
    config,
    'resultUrl',
    input.resultUrl,
    config.resultUrl,
    'result URL',
  );
  const queueTimeoutUrl = requireCallbackUrl(
    config,
    'queueTimeoutUrl',
    input.queueTimeoutUrl,
    config.queueTimeoutUrl ?? resultUrl,
    'queue timeout URL',
  );
  return { resultUrl, queueTimeoutUrl };
}

/** A trimmed string of `min` to `max` characters. */
export const text = (min: number, max: number) =>
  z.string({ error: 'expected a string.' }).check(
    z.refine(
      (v) => v.trim().length >= min,
      min <= 1 ? 'must not be empty.' : `at least ${min} characters.`,
    ),
    z.refine((v) => v.trim().length <= max, `at most ${max} characters.`),
  );

/** Whole shillings from `min` to `max`. */
export const wholeShillings = (min: number, max: number) =>
  z.number({ error: 'expected a number of whole shillings.' }).check(
    z.refine(
      (v) => Number.isInteger(v),
      'M-Pesa takes whole shillings only; round or reject fractional amounts before calling.',
    ),
    z.refine((v) => v >= min && v <= max, `must be between ${min} and ${max} shillings.`),
  );

/** Parses an argument object with `schema`, naming the first bad field. */
export function parseInput<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  call: string,
): z.infer<S> {
  if (typeof input !== 'object' || input === null) {
    throw new DarajaValidationError('(root)', `${call}() needs an object argument.`);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaValidationError(path, message);
  }
  return parsed.data as z.infer<S>;
}

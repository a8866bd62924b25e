import { readFileSync, statSync } from 'node:fs';
import { standardWebhooks } from '@malipo/webhooks';
import { CliUsageError } from '../errors/cli-error.js';
import { type SigningScheme, signingSchemes } from '../send/sign-headers.js';

/**
 * A flag's value, else the environment variable `envName` (secrets given that way stay out of
 * `ps` and shell history), or one clear line when both are missing.
 */
export function required(
  values: Record<string, unknown>,
  flag: string,
  hint: string,
  envName?: string,
): string {
  const value = values[flag] ?? (envName ? process.env[envName] : undefined);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliUsageError(
      `--${flag} is required (${hint}${envName ? `; or set ${envName}` : ''}).`,
    );
  }
  return value;
}

/**
 * Refuses a flag given twice: `parseArgs` keeps the last one silently, and `--url a --url b`
 * would send to an address the user may not have meant.
 */
export function refuseRepeats(tokens: readonly { kind: string; name?: string }[]): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    if (seen.has(token.name)) throw new CliUsageError(`--${token.name} is given more than once.`);
    seen.add(token.name);
  }
}

export function httpUrl(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(
      `--${flag} "${value.slice(0, 200)}" is not a URL; write it like http://localhost:3000/webhooks.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`--${flag} must be an http:// or https:// URL, not ${url.protocol}.`);
  }
  // Never repeated back: it would print the password.
  if (url.username || url.password) {
    throw new CliUsageError(
      `--${flag} must not hold a user name or password (user:password@); the API key and webhook secret are flags of their own.`,
    );
  }
  return url.href;
}

export function webhookSecret(value: string): string {
  // The gateway's endpoint secrets are Standard Webhooks `whsec_` + base64 secrets: checked as
  // the receiving handler checks them, so a secret this accepts is one a handler accepts.
  const refused = () =>
    new CliUsageError(
      '--secret must be a whsec_… secret (the endpoint secret the gateway showed).',
    );
  if (!value.startsWith('whsec_')) throw refused();
  try {
    standardWebhooks.checkSecret?.(value);
  } catch {
    throw refused();
  }
  return value;
}

export function scheme(value: unknown): SigningScheme {
  if (value === undefined) return 'gateway';
  if (!(signingSchemes as readonly unknown[]).includes(value)) {
    throw new CliUsageError(`--scheme must be one of ${signingSchemes.join(', ')}.`);
  }
  return value as SigningScheme;
}

/** The largest `--data` file read: an event's fields, not a device or a pipe that never ends. */
const maxDataFileBytes = 1_048_576;

/** `--data`'s file: a regular file of at most 1 MiB, read whole. */
function dataFile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliUsageError(`--data "${path}" is not a regular file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`--data "${path}" is neither inline JSON nor a file that exists.`);
  }
  if (size > maxDataFileBytes) {
    throw new CliUsageError(`--data "${path}" is ${size} bytes; at most 1 MiB is read.`);
  }
  return readFileSync(path, 'utf8');
}

/** `--data`: inline JSON (starting with `{` or `[`) or the path of a JSON file, an object either way. */
export function jsonData(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const inline = /^\s*[[{]/.test(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? text : dataFile(text));
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`--data is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliUsageError(
      '--data must be a JSON object of event fields, e.g. {"amount_cents":5000}.',
    );
  }
  return parsed as Record<string, unknown>;
}

export function milliseconds(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  // Digits only: Number() would also read 0b111110100, 0x1F4, ' 500 ', 500.0 and 1e3.
  const ms = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    throw new CliUsageError(`--${flag} must be a whole number of milliseconds from 100 to 600000.`);
  }
  return ms;
}

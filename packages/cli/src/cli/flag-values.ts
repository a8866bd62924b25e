import { existsSync, readFileSync } from 'node:fs';
import { standardWebhooks } from '@malipo/webhooks';
import { CliUsageError } from '../errors/cli-error.js';
import { type SigningScheme, signingSchemes } from '../send/sign-headers.js';

/** A flag's value, or one clear line when it is missing. */
export function required(values: Record<string, unknown>, flag: string, hint: string): string {
  const value = values[flag];
  if (typeof value !== 'string' || value === '') {
    throw new CliUsageError(`--${flag} is required (${hint}).`);
  }
  return value;
}

export function httpUrl(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(
      `--${flag} "${value}" is not a URL; write it like http://localhost:3000/webhooks.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`--${flag} must be an http:// or https:// URL, not ${url.protocol}.`);
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

/** `--data`: inline JSON (starting with `{`) or the path of a JSON file, an object either way. */
export function jsonData(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const inline = text.trimStart().startsWith('{');
  if (!inline && !existsSync(text)) {
    throw new CliUsageError(`--data "${text}" is neither inline JSON nor a file that exists.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? text : readFileSync(text, 'utf8'));
  } catch (error) {
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
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    throw new CliUsageError(`--${flag} must be a whole number of milliseconds from 100 to 600000.`);
  }
  return ms;
}

import { WebhookVerificationError } from '../errors/webhook-error.js';
import type { VerifyOptions } from './scheme.js';

/** Parses a unix-seconds header and checks it against the tolerance in both directions. */
export function checkTimestamp(value: string, header: string, options: VerifyOptions): number {
  if (!/^\d{1,12}$/.test(value)) {
    throw new WebhookVerificationError(
      'invalid_header',
      `the ${header} header must be unix seconds, got "${value.slice(0, 32)}".`,
    );
  }
  const timestamp = Number(value);
  const tolerance = options.tolerance ?? 300;
  const past = typeof tolerance === 'number' ? tolerance : tolerance.past;
  const future = typeof tolerance === 'number' ? tolerance : tolerance.future;
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  if (now - timestamp > past) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `the signed timestamp is ${now - timestamp} s old; at most ${past} s is accepted (a replay, or a clock off).`,
    );
  }
  if (timestamp - now > future) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `the signed timestamp is ${timestamp - now} s in the future; at most ${future} s is accepted (check the sender's clock).`,
    );
  }
  return timestamp;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

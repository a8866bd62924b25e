import { WebhookVerificationError } from '../../errors/webhook-error.js';
import { constantTimeEqual } from '../../internal/constant-time.js';

/** Signatures read from one header: enough for any rotation, too few to amplify work. */
const maxSignatures = 16;

/** Each `v1a` entry costs an Ed25519 verification: an unsigned request must not buy many. */
export function checkSignatureCount(header: string): void {
  let count = 1;
  for (let space = header.indexOf(' '); space !== -1; space = header.indexOf(' ', space + 1)) {
    count++;
  }
  if (count > maxSignatures) {
    throw new WebhookVerificationError(
      'invalid_header',
      `the webhook-signature header holds ${count} signatures; at most ${maxSignatures} are read.`,
    );
  }
}

/**
 * The end of a signature entry that ends at `end`, without a trailing comma: a header sent as
 * two lines reaches us joined with ", " (as Node and Fetch join them), and base64 has no commas.
 */
export function entryEnd(header: string, end: number): number {
  return header.charCodeAt(end - 1) === 44 ? end - 1 : end;
}

/**
 * True when a `v1,<base64>` entry of the header equals `expected` (constant time per entry).
 * Walks the header in place: verification runs per request, and split() allocated an array.
 */
export function hasV1Signature(header: string, expected: string): boolean {
  for (let start = 0; start <= header.length; ) {
    let end = header.indexOf(' ', start);
    if (end === -1) end = header.length;
    if (
      header.startsWith('v1,', start) &&
      constantTimeEqual(header, expected, start + 3, entryEnd(header, end))
    ) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

/** The error for a header none of whose signatures matched. */
export function unmatchedSignature(header: string): WebhookVerificationError {
  return /(^| )v1a?,/.test(header)
    ? new WebhookVerificationError(
        'signature_mismatch',
        'no signature matches the configured secret(s). Check the secret, and verify the raw body exactly as received (not re-serialised JSON).',
      )
    : new WebhookVerificationError(
        'invalid_header',
        'the webhook-signature header holds no v1 or v1a signature.',
      );
}

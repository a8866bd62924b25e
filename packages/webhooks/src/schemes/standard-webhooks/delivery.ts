import { WebhookVerificationError } from '../../errors/webhook-error.js';
import { type HeadersLike, readHeader } from '../../internal/headers.js';
import type { VerifyOptions } from '../scheme.js';
import { checkTimestamp } from '../timestamp.js';
import { checkSignatureCount } from './signatures.js';

/** A Standard Webhooks delivery's headers, read and checked before any cryptography. */
export interface StandardDelivery {
  id: string;
  /** Unix seconds, within the tolerance. */
  timestamp: number;
  /** `${id}.${timestamp}.`, which the signature covers before the body. */
  signedPrefix: string;
  /** The `webhook-signature` header: space-separated `v1,<base64>` and `v1a,<base64>` entries. */
  signatures: string;
}

function required(headers: HeadersLike, name: string): string {
  const value = readHeader(headers, name)?.trim();
  if (!value) {
    throw new WebhookVerificationError(
      'missing_header',
      `the ${name} header is missing; this endpoint expects Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
    );
  }
  return value;
}

/** Reads the three Standard Webhooks headers and checks the timestamp and the signature count. */
export function readDelivery(headers: HeadersLike, options: VerifyOptions): StandardDelivery {
  const id = required(headers, 'webhook-id');
  const timestampText = required(headers, 'webhook-timestamp');
  const signatures = required(headers, 'webhook-signature');
  const timestamp = checkTimestamp(timestampText, 'webhook-timestamp', options);
  checkSignatureCount(signatures);
  return { id, timestamp, signedPrefix: `${id}.${timestampText}.`, signatures };
}

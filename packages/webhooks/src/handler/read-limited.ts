import { WebhookVerificationError } from '../errors/webhook-error.js';
import { concatBytes } from '../internal/encoding.js';

/**
 * Reads an async stream of chunks up to `maxBytes`, stopping early (and throwing
 * `payload_too_large`) instead of buffering an oversized body.
 */
export async function readLimited(
  chunks: AsyncIterable<unknown>,
  maxBytes: number,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const encoder = new TextEncoder();
  for await (const chunk of chunks) {
    const bytes =
      typeof chunk === 'string'
        ? encoder.encode(chunk)
        : chunk instanceof Uint8Array
          ? chunk
          : new Uint8Array(chunk as ArrayBuffer);
    size += bytes.length;
    if (size > maxBytes) {
      throw new WebhookVerificationError(
        'payload_too_large',
        `the body exceeds the ${maxBytes}-byte limit.`,
      );
    }
    parts.push(bytes);
  }
  return concatBytes(parts);
}

const defaultFetchHint =
  'Mount the webhook handler before anything that reads the body, or pass it an unread request.';

/**
 * Reads a Fetch body with the same limit. A body already read is a mounting bug, answered with
 * `mountingHint` (how to mount the handler right in that framework).
 */
export async function readRequestBody(
  request: Request,
  maxBytes: number,
  mountingHint = defaultFetchHint,
): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `the request body was read before verification (request.json() or a body-parsing middleware ran first), so the signed bytes are gone. ${mountingHint}`,
    );
  }
  if (!request.body) return new Uint8Array();
  return readLimited(request.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
}

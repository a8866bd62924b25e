import { WebhookVerificationError } from '../errors/webhook-error.js';
import { type HeadersLike, readHeader } from '../internal/headers.js';

/** Method, content type and declared length: everything that can be refused before reading. */
export function checkEnvelope(method: string, headers: HeadersLike, maxBodyBytes: number): void {
  if (method.toUpperCase() !== 'POST') {
    throw new WebhookVerificationError(
      'method_not_allowed',
      `webhooks are delivered with POST, not ${method}.`,
    );
  }
  const type = readHeader(headers, 'content-type')?.toLowerCase() ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/.test(type.trim())) {
    throw new WebhookVerificationError(
      'unsupported_media_type',
      `expected an application/json body, got "${type || 'no content type'}".`,
    );
  }
  const length = Number(readHeader(headers, 'content-length'));
  if (Number.isFinite(length) && length > maxBodyBytes) {
    throw new WebhookVerificationError(
      'payload_too_large',
      `the body is ${length} bytes; the limit is ${maxBodyBytes}.`,
    );
  }
}

export function checkBodySize(body: Uint8Array | string, maxBodyBytes: number): void {
  // A string's UTF-8 length is at least its UTF-16 length, so this check is safe for text too.
  const size = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
  if (size > maxBodyBytes) {
    throw new WebhookVerificationError(
      'payload_too_large',
      `the body is ${size} bytes; the limit is ${maxBodyBytes}.`,
    );
  }
}

const strictUtf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text for a JSON parser. JSON is UTF-8: bytes that are not are refused, never
 * replaced with U+FFFD (the handler would get text other than the bytes that were signed). A
 * leading byte order mark is dropped, as RFC 8259 lets a parser do.
 */
export function jsonText(body: Uint8Array | string): string {
  // Text the caller decoded (a framework's raw string) may still hold the mark.
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  try {
    return strictUtf8.decode(body);
  } catch (error) {
    throw new WebhookVerificationError(
      'invalid_payload',
      'the body is not UTF-8 text; JSON must be sent as UTF-8.',
      { cause: error },
    );
  }
}

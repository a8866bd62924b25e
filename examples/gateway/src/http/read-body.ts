import type { Context } from 'hono';
import { DomainError } from '../errors/domain-error.js';

/** How much of an oversized streamed body is read and thrown away so the 413 can be delivered. */
const drainFactor = 8;

/**
 * Reads the request body as UTF-8 text, at most `limit` bytes. A declared `Content-Length` over
 * the limit is refused before reading. A streamed body that grows past it is drained (up to 8×
 * the limit) before the 413 goes out: cutting the stream short would reset the connection and
 * the caller would never see the answer.
 */
export async function readLimitedText(c: Context, limit: number): Promise<string> {
  const declared = c.req.header('content-length');
  const tooLarge = () =>
    new DomainError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes.`);
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  // On Node with a declared length within the limit, the HTTP parser delivers exactly that many
  // bytes (a body with both Content-Length and chunking is refused before any route), so the
  // body is read straight from the socket's request, without building a web stream for it.
  if (declared !== undefined && c.env?.incoming !== undefined) return c.req.raw.text();
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      while (size <= limit * drainFactor) {
        const next = await reader.read();
        if (next.done) break;
        size += next.value.byteLength;
      }
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

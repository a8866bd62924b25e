import { DarajaCallbackError } from '../errors/field-errors.js';

/** Accepts a parsed object, a JSON string or raw bytes, and returns the parsed value. */
export function readJsonBody(body: unknown, what?: string): unknown {
  let text: string | undefined;
  if (typeof body === 'string') text = body;
  else if (body instanceof Uint8Array) text = new TextDecoder().decode(body);
  else if (body instanceof ArrayBuffer) text = new TextDecoder().decode(new Uint8Array(body));
  if (text === undefined) return body;
  try {
    return JSON.parse(text);
  } catch {
    throw new DarajaCallbackError('(body)', 'the body is not valid JSON.', what);
  }
}

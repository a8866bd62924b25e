const encoder = /* @__PURE__ */ new TextEncoder();

/** A payload as bytes; strings are UTF-8. */
export function toBytes(payload: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof payload === 'string') return encoder.encode(payload);
  if (payload instanceof Uint8Array) return payload;
  return new Uint8Array(payload);
}

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

const hexDigits = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out += hexDigits[b >> 4]! + hexDigits[b & 15]!;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/** Decodes standard or URL-safe base64; undefined when the text is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const normal = text.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal)) return undefined;
  try {
    // atob also refuses a length of 4n+1 and misplaced padding.
    return Uint8Array.from(atob(normal), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * Decodes a key: standard base64, as Standard Webhooks senders show it (its `=` padding may be
 * left out: the bytes are the same). A `-` or `_` is refused: in a key it means a mistyped
 * prefix (`whsec_whsec_…`, `WHSEC_…`), which read as base64 would be another key, and every
 * delivery would fail to verify.
 */
export function fromStrictBase64(text: string): Uint8Array | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && (text.length % 4 === 0 || !text.includes('='))
    ? fromBase64(text)
    : undefined;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

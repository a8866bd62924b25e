import type { DarajaApiErrorDetails } from '../errors/api-errors.js';

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return withoutCredentials(value);
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Text from an error answer with any credential it repeats blanked: a proxy that echoes the
 * request would otherwise put `Basic <key:secret>` or the bearer token into the error's message.
 */
export function withoutCredentials(text: string): string {
  // The separator as a proxy may echo it: a space, or a space percent- or JSON-escaped.
  return text.replace(/\b(Basic|Bearer)(?:\s|%20|\\u0020)+[A-Za-z0-9+/=._~%-]+/gi, '$1 [redacted]');
}

/** A parsed error body with {@link withoutCredentials} applied to every string in it. */
function redactedBody(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutCredentials(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redactedBody(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactedBody(item, depth + 1);
  return copy;
}

/** Parses a body that may be JSON text, already-parsed JSON, HTML or nothing. */
export function decodeBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const text = body.trim();
  if (text === '') return undefined;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      return body;
    }
  }
  return body;
}

/**
 * Reads whatever Daraja sent with an error status into one shape: its envelope, an Apigee fault,
 * an empty body or an HTML page (all four occur in practice).
 */
export function parseErrorBody(status: number, body: unknown): DarajaApiErrorDetails {
  const raw = redactedBody(decodeBody(body));
  if (raw === undefined || raw === null) return { status, bodyKind: 'empty', raw: undefined };
  if (typeof raw === 'string') {
    const html = /^\s*</.test(raw);
    return {
      status,
      bodyKind: html ? 'html' : 'other',
      raw,
      errorMessage: html ? undefined : raw.slice(0, 200),
    };
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if (record.errorCode !== undefined || record.errorMessage !== undefined) {
      return {
        status,
        bodyKind: 'envelope',
        raw,
        errorCode: asString(record.errorCode),
        errorMessage: asString(record.errorMessage),
        requestId: asString(record.requestId),
      };
    }
    const fault = record.fault;
    if (typeof fault === 'object' && fault !== null) {
      const f = fault as Record<string, unknown>;
      const detail = (typeof f.detail === 'object' && f.detail !== null ? f.detail : {}) as Record<
        string,
        unknown
      >;
      return {
        status,
        bodyKind: 'fault',
        raw,
        errorCode: asString(detail.errorcode),
        errorMessage: asString(f.faultstring),
      };
    }
  }
  return { status, bodyKind: 'other', raw };
}

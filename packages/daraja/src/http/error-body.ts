import type { DarajaApiErrorDetails } from '../errors/api-errors.js';
import { redacted, withoutCredentials } from '../internal/redact.js';

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return withoutCredentials(value);
  if (typeof value === 'number') return String(value);
  return undefined;
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
  const raw = redacted(decodeBody(body));
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

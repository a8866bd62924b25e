import type { ErrorCode } from '@malipo/contract';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { DomainError } from '../errors/domain-error.js';
import { unstorableJson } from '../stores/storable.js';
import { readLimitedText } from './read-body.js';

/** A request body as parsed (for idempotency fingerprints) and as validated. */
export interface JsonBody<T> {
  parsed: unknown;
  value: T;
}

// The hosted-gateway integration guide's specific codes for the fields it documents; anything else is INVALID_REQUEST.
const codeByField: Record<string, ErrorCode> = {
  amount_cents: 'INVALID_AMOUNT',
  currency: 'INVALID_CURRENCY',
  provider: 'INVALID_PROVIDER',
  'metadata.phone_number': 'INVALID_PHONE',
};

/**
 * Reads a JSON body and validates it against a contract schema. Wrong media type → 415,
 * unparseable JSON → 400, a schema failure → 400 naming the field, over `limit` bytes → 413.
 */
export async function readJsonBody<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  limit: number,
): Promise<JsonBody<z.output<S>>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type.trim())) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON with the header Content-Type: application/json.',
    );
  }
  const raw = await readLimitedText(c, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DomainError('INVALID_REQUEST', 'The body is not valid JSON.');
  }
  // Refused up front, with the reason, rather than failing on insert (or overflowing the stack).
  const problem = unstorableJson(parsed);
  if (problem) throw new DomainError('INVALID_REQUEST', `The body cannot be accepted: ${problem}.`);
  return { parsed, value: validate(schema, parsed) };
}

/** Validates `input` against `schema`, turning the first issue into a 400 that names its field. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const field =
    issue?.code === 'unrecognized_keys' && issue.keys.length > 0
      ? [path, issue.keys[0]].filter(Boolean).join('.')
      : path || undefined;
  const message =
    issue?.code === 'unrecognized_keys'
      ? `Unknown field ${field}: remove it or check its spelling.`
      : `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid input.'}`;
  const code =
    field !== undefined && Object.hasOwn(codeByField, field) ? codeByField[field] : undefined;
  throw new DomainError(code ?? 'INVALID_REQUEST', message, field);
}

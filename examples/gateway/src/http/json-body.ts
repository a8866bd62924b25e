import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ApiError } from './api-error.js';
import { readLimitedText } from './read-body.js';
import { unstorableJson } from './storable-json.js';

/** A request body as received (for idempotency fingerprints) and as validated. */
export interface JsonBody<T> {
  raw: string;
  value: T;
}

// Seed 000's specific codes for the fields it documents; anything else is INVALID_REQUEST.
const codeByField: Record<string, ConstructorParameters<typeof ApiError>[0]> = {
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
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON with the header Content-Type: application/json.',
    );
  }
  const raw = await readLimitedText(c, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError('INVALID_REQUEST', 'The body is not valid JSON.');
  }
  // Refused up front, with the reason, rather than failing on insert (or overflowing the stack).
  const problem = unstorableJson(parsed);
  if (problem) throw new ApiError('INVALID_REQUEST', `The body cannot be accepted: ${problem}.`);
  return { raw, value: validate(schema, parsed) };
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
  throw new ApiError((field && codeByField[field]) || 'INVALID_REQUEST', message, field);
}

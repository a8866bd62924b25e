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
  const problem = unstorableJson(parsed, undefined, true);
  if (problem) throw new DomainError('INVALID_REQUEST', `The body cannot be accepted: ${problem}.`);
  // A member name may be written with escapes (`amount\u005fcents`): then look at every member.
  if (inexactCents.test(raw) || raw.includes('\\u')) refuseInexactCents(raw);
  return { parsed, value: validate(schema, parsed) };
}

// A top-level `amount_cents` written with a fraction or an exponent. The parsed value cannot tell:
// `1e2` and `100.0` read as 100, and `1.00000000000000000001e4` as 10000, rounded.
const inexactCents = /"amount_cents"\s*:\s*-?\d+[.eE]/;

/** Money is minor units, written as digits: refuses an amount written otherwise, naming it. */
function refuseInexactCents(raw: string): void {
  const written: { holder: unknown; text: string }[] = [];
  const root: unknown = JSON.parse(
    raw,
    function (this: unknown, key, value, context?: { source?: string }) {
      if (key === 'amount_cents' && typeof value === 'number' && context?.source) {
        written.push({ holder: this, text: context.source });
      }
      return value;
    },
  );
  // Metadata may hold a member of that name: only the request's own amount counts.
  const text = written.find((w) => w.holder === root)?.text;
  if (text !== undefined && /[.eE]/.test(text)) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `amount_cents must be a whole number of cents written as digits (e.g. 10000), got ${text.slice(0, 40)}.`,
      'amount_cents',
    );
  }
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

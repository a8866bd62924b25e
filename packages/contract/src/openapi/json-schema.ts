import * as z from 'zod/mini';
import { isSometimes } from '../common/doc.js';
import { queryIntegerView } from '../common/query-integer.js';

export type JsonObject = Record<string, unknown>;
type Io = 'input' | 'output';
type Ctx = { zodSchema: { _zod: { def: unknown } }; jsonSchema: JsonObject };

/**
 * The document shows a closed view of the lenient runtime schemas: an open enum (known values or
 * any string) becomes its enum, and a response object refuses unknown fields and requires every
 * field the gateway always sends. Request schemas keep their own openness (metadata stays open).
 */
function closedView(io: Io) {
  return ({ zodSchema, jsonSchema: json }: Ctx) => {
    const def = zodSchema._zod.def as {
      type: string;
      shape?: Record<string, object>;
      catchall?: { _zod: { def: { type: string } } };
    };
    const integer = queryIntegerView(zodSchema);
    if (integer) Object.assign(json, { type: 'integer', ...integer });
    const [known, anyString] = (json.anyOf as JsonObject[] | undefined) ?? [];
    if (def.type === 'union' && known?.enum && anyString?.type === 'string') {
      if (Object.keys(anyString).length === 1 && (json.anyOf as unknown[]).length === 2) {
        json.type = 'string';
        json.enum = known.enum;
        delete json.anyOf;
      }
    }
    if (io === 'output' && def.type === 'object' && def.catchall?._zod.def.type === 'unknown') {
      json.additionalProperties = false;
      json.required = Object.entries(def.shape ?? {})
        .filter(([, field]) => !isSometimes(field))
        .map(([name]) => name);
    }
  };
}

const clean = ({ $schema: _, $id: __, ...rest }: JsonObject) => rest;

/** One schema as JSON Schema 2020-12, inlined. */
export function jsonSchema(schema: z.ZodMiniType, io: Io): JsonObject {
  return clean(
    z.toJSONSchema(schema, { io, unrepresentable: 'any', override: closedView(io) }) as JsonObject,
  );
}

/** Named schemas as `components.schemas`, referring to each other with `$ref`. */
export function componentSchemas(named: Record<string, z.ZodMiniType>, io: Io) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    override: closedView(io),
  }) as { schemas: Record<string, JsonObject> };
  if (schemas.__shared) throw new Error('@malipo/contract: unexpected shared schema definitions.');
  return Object.fromEntries(Object.entries(schemas).map(([id, json]) => [id, clean(json)]));
}

export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

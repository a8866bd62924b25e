import * as z from 'zod/mini';

/**
 * Describes a schema for the OpenAPI document: what it is and examples that validate against
 * it. Returns a described copy (zod's `meta` check); parsing is unchanged.
 */
export function doc<T extends z.ZodMiniType>(
  schema: T,
  description: string,
  ...examples: unknown[]
): T {
  return schema.check(z.meta({ description, examples })) as T;
}

const occasional = new WeakSet<object>();

/**
 * Marks a response field the gateway leaves out of some answers. Every other field of a
 * response is `required` in the OpenAPI document: the gateway always sends it (`null` included).
 * The runtime schemas stay lenient either way, so older gateways still parse.
 */
export function sometimes<T extends z.ZodMiniType>(schema: T): T {
  occasional.add(schema);
  return schema;
}

/** True for a field marked with {@link sometimes}. */
export const isSometimes = (schema: object): boolean => occasional.has(schema);

import * as z from 'zod/mini';
import { doc } from './doc.js';

const shown = new WeakMap<object, { minimum: number; maximum: number; examples: number[] }>();

/**
 * A whole number in a query string, `min` to `max`: `20`, or `"20"` as it arrives in a URL.
 * `"1e1"`, `" 20"`, `"0x14"` and `"20.0"` are refused (a plain `Number()` would read 10, 20, 20
 * and 20). Typed as a number for callers; the OpenAPI document shows an integer.
 */
export function queryInteger(
  name: string,
  [min, max]: [number, number],
  description: string,
  example: number,
) {
  const message = `${name} must be a whole number from ${min} to ${max}.`;
  const schema = doc(
    z.pipe(
      z.pipe(
        z.custom<number>(
          (value) =>
            (typeof value === 'number' && Number.isSafeInteger(value)) ||
            (typeof value === 'string' && /^\d{1,15}$/.test(value)),
          message,
        ),
        // A digit string at run time (a URL's query), a number in the types.
        z.transform((value: number) => Number(value)),
      ),
      z.int().check(z.minimum(min, message), z.maximum(max, message)),
    ),
    description,
  );
  shown.set(schema, { minimum: min, maximum: max, examples: [example] });
  return schema;
}

/** How the OpenAPI document shows a schema built by {@link queryInteger}. */
export const queryIntegerView = (schema: object) => shown.get(schema);

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './openapi-document.js';

/** An AJV 2020 instance holding the document's component schemas under their `$ref` URIs. */
export function ajvFor(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ components: document.components }, 'openapi');
  const fix = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
  return {
    validate(schema: unknown, value: unknown): string[] {
      const check = ajv.compile(fix(schema) as object);
      return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, routes } from '../src/index.js';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string }>>;
  };

  it('is OpenAPI 3.1 with every route and every seed 000 alias', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const [name, route] of Object.entries(routes)) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(name);
      for (const alias of 'aliases' in route ? route.aliases : []) {
        expect(document.paths[alias]?.[route.method.toLowerCase()]).toBeDefined();
      }
    }
  });

  it('docs/openapi.json is current (run `pnpm --filter @malipo/contract openapi`)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

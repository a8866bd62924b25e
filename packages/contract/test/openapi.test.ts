import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, routes } from '../src/index.js';
import { readDocument } from './support/openapi-document.js';

type Operation = {
  operationId: string;
  deprecated?: boolean;
  parameters?: { $ref?: string }[];
  responses: Record<string, unknown>;
};

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    webhooks: Record<string, unknown>;
  };

  it('is OpenAPI 3.1 with every route and every legacy alias', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const [name, route] of Object.entries(routes)) {
      const method = route.method.toLowerCase();
      const op = document.paths[route.path]?.[method];
      expect(op?.operationId).toBe(name);
      expect(Object.keys(op?.responses ?? {})).toContain(String(route.status));
      const keyed = op?.parameters?.some((p) => p.$ref?.endsWith('/IdempotencyKey')) ?? false;
      expect(keyed, name).toBe(route.idempotent);
      for (const alias of 'aliases' in route ? route.aliases : []) {
        const legacy = document.paths[alias]?.[method];
        expect(legacy).toMatchObject({ operationId: `${name}Legacy`, deprecated: true });
        const status = 'aliasStatus' in route ? route.aliasStatus : route.status;
        expect(Object.keys(legacy?.responses ?? {})).toContain(String(status));
      }
    }
  });

  it('has one webhook per gateway event type', () => {
    expect(Object.keys(document.webhooks)).toHaveLength(12);
  });

  it('docs/openapi.json is current (run `pnpm --filter @malipo/contract openapi`)', () => {
    expect(readDocument()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

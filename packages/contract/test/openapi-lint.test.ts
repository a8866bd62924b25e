import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lint } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { documentPath, readDocument, redoclyConfigPath } from './support/openapi-document.js';

describe('docs/openapi.json under independent tools', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    const api = await SwaggerParser.validate(readDocument() as never);
    expect((api as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('has no problem under the strict Redocly rule set', async () => {
    const config = await createConfig(readFileSync(redoclyConfigPath, 'utf8'), {
      configPath: redoclyConfigPath,
    });
    const problems = await lint({ ref: documentPath, config });
    const summary = problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(summary).toEqual([]);
  });

  it('says "seed" nowhere', () => {
    expect(readFileSync(documentPath, 'utf8')).not.toMatch(/seed/i);
  });
});

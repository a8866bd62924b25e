import { describe, expect, it } from 'vitest';
import { ajvFor } from './support/ajv.js';
import { type OpenApiDocument, readDocument } from './support/openapi-document.js';

type Node = Record<string, unknown>;

/** Every `[schema, example, where]` of the document: schema, parameter, header and media examples. */
function examplesOf(document: OpenApiDocument) {
  const found: [unknown, unknown, string][] = [];
  const walk = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (Array.isArray(n.examples) && n.type !== undefined)
      for (const e of n.examples) found.push([n, e, where]);
    if (n.schema && 'example' in n) found.push([n.schema, n.example, where]);
    if (n.schema && n.examples && !Array.isArray(n.examples))
      for (const [k, e] of Object.entries(n.examples as Record<string, { value: unknown }>))
        found.push([n.schema, e.value, `${where}/examples/${k}`]);
    for (const [key, child] of Object.entries(n)) walk(child, `${where}/${key}`);
  };
  walk(document, '#');
  return found;
}

describe('examples in docs/openapi.json', () => {
  const document = readDocument();
  const ajv = ajvFor(document);
  const examples = examplesOf(document);

  it('are many', () => expect(examples.length).toBeGreaterThan(300));

  it('each validate against their schema (AJV 2020 with formats)', () => {
    const failures = examples.flatMap(([schema, value, where]) =>
      ajv.validate(schema, value).map((problem) => `${where}: ${problem}`),
    );
    expect(failures).toEqual([]);
  });

  it('every property and parameter has a description and an example', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Node;
      if (n.in && n.name && n.type !== 'apiKey' && !(n.description && 'example' in n))
        missing.push(where);
      for (const [name, p] of Object.entries((n.properties ?? {}) as Record<string, Node>))
        if (!p.description || !(Array.isArray(p.examples) || p.$ref))
          missing.push(`${where}/${name}`);
      for (const [key, child] of Object.entries(n)) walk(child, `${where}/${key}`);
    };
    walk(document.paths, '#/paths');
    walk(document.components, '#/components');
    walk(document.webhooks, '#/webhooks');
    // The M-Pesa if/then rules restate properties described on the object itself.
    expect(missing.filter((w) => !/\/(if|then)\//.test(w))).toEqual([]);
  });
});

// Writes docs/openapi.json and its openapi-typescript types from the contract. Tests check both
// committed files are current.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/index.js';
import { openApiTypes } from './openapi-types.js';

const document = buildOpenApiDocument();
const targets = {
  document: join(import.meta.dirname, '../../../docs/openapi.json'),
  types: join(import.meta.dirname, '../test/generated/openapi-types.ts'),
};
writeFileSync(targets.document, `${JSON.stringify(document, null, 2)}\n`);
writeFileSync(targets.types, await openApiTypes(document));
// Formatted as the repository's `biome check` expects; the tests compare content, not layout.
execFileSync('npx', ['biome', 'format', '--write', targets.document, targets.types], {
  stdio: 'ignore',
});
console.log(`wrote ${targets.document} and ${targets.types}`);

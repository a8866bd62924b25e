import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/openapi.json as committed. */
export const documentPath = join(import.meta.dirname, '../../../../docs/openapi.json');
export const redoclyConfigPath = join(import.meta.dirname, '../../redocly.yaml');

export type OpenApiDocument = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  webhooks: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
};

export const readDocument = (): OpenApiDocument => JSON.parse(readFileSync(documentPath, 'utf8'));

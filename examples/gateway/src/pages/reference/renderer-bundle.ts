import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type CompressedBody, compressedBody } from './compressed-body.js';

/** The API reference renderer's script: Scalar's standalone build, served by the gateway itself. */
export interface RendererBundle {
  /** `scalar-api-reference.<hash>.js`: a new name whenever the content changes, so it caches forever. */
  name: string;
  body: CompressedBody;
}

/**
 * `@scalar/api-reference` exports only its ES module entry (`dist/index.js`); the standalone
 * browser build, which needs no bundler, sits beside it in `dist/browser/standalone.js` (the
 * package's `browser` field).
 */
export function rendererBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('@scalar/api-reference');
  return join(dirname(entry), 'browser', 'standalone.js');
}

function load(): RendererBundle {
  const raw = readFileSync(rendererBundlePath());
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return { name: `scalar-api-reference.${hash}.js`, body: compressedBody(raw) };
}

let loaded: RendererBundle | undefined;

/** The renderer's script, read from node_modules once per process (every gateway app shares it). */
export function rendererBundle(): RendererBundle {
  loaded ??= load();
  return loaded;
}

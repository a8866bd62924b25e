import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

/** The main entry as a browser bundler sees it: only what `{ Malipo }` reaches. */
async function bundleOf(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'import', 'default'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('what { Malipo } carries', () => {
  it('request schemas, and no response schema or OpenAPI text of the contract', async () => {
    const text = await bundleOf("export { Malipo } from './src/index.ts';");
    // A request schema's message, so the check below is not vacuous.
    expect(text).toContain('amount_cents must be an integer number of cents.');
    // Response schemas (their descriptions), the OpenAPI document builder and route prose.
    expect(text).not.toContain('Always true on success.');
    expect(text).not.toContain('every request and response schema needs a name');
    expect(text).not.toContain('Creates a PENDING payment and asks the provider');
  });
});

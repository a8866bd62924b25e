/**
 * Shared by the packages' edge-runtime tests: prove a built entry needs no Node globals by
 * bundling it for the browser and by running checks inside an Edge Runtime VM.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';

/** Builds the package with tsup unless `dist/index.js` exists (the root test command builds first). */
export async function ensureBuilt(packageDir: string): Promise<void> {
  if (!existsSync(join(packageDir, 'dist/index.js'))) {
    await promisify(execFile)(join(packageDir, 'node_modules/.bin/tsup'), [], { cwd: packageDir });
  }
}

/** Bundles `entry` for the browser; returns esbuild's errors and the bundled text. */
export async function bundleForBrowser(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return { errors: result.errors, text: result.outputFiles[0]?.text ?? '' };
}

/** Bundles `entry` (which defines a global `runEdgeChecks`) and runs it in an Edge Runtime VM. */
export async function runEdgeChecks(entry: string): Promise<unknown> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const vm = new EdgeVM();
  vm.evaluate(bundle.outputFiles[0]?.text ?? '');
  return JSON.parse(JSON.stringify(await vm.evaluate('runEdgeChecks()')));
}

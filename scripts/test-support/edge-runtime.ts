/**
 * Shared by the packages' edge-runtime tests: prove a built entry needs no Node globals by
 * bundling it for the browser and by running checks inside an Edge Runtime VM.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, rmdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';

/**
 * tsup's CLI as Node resolves it from `packageDir`: the package's own devDependency when it has
 * one, otherwise the workspace root's. pnpm links a package's bins only into its own
 * `node_modules/.bin`, so `<packageDir>/node_modules/.bin/tsup` is missing for a package that
 * relies on the root's tsup (daraja), and a test run before any build failed with ENOENT.
 */
function tsupCli(packageDir: string): string {
  const manifestPath = createRequire(join(packageDir, 'package.json')).resolve('tsup/package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: { tsup: string } };
  return join(dirname(manifestPath), bin.tsup);
}

/**
 * Builds the package with tsup unless `dist/index.js` exists (the root test command builds first).
 * Test files run in parallel workers and tsup cleans `dist` first, so one build at a time per
 * package: the worker that builds holds the `.build-lock` folder (mkdir is atomic).
 */
export async function ensureBuilt(packageDir: string): Promise<void> {
  const built = join(packageDir, 'dist/index.js');
  const lock = join(packageDir, '.build-lock');
  for (;;) {
    if (existsSync(built) && !existsSync(lock)) return;
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A build takes seconds; a lock this old was left by a run that was killed mid-build.
      const since = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (since > 120_000) await rm(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    if (!existsSync(built)) {
      await promisify(execFile)(process.execPath, [tsupCli(packageDir)], { cwd: packageDir });
    }
  } finally {
    await rmdir(lock);
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

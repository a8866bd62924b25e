import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('built default entry on a runtime without Node globals', () => {
  beforeAll(async () => {
    // The root test command builds first; build here too so the file also runs alone.
    if (!existsSync(join(packageDir, 'dist/index.js'))) {
      await promisify(execFile)(join(packageDir, 'node_modules/.bin/tsup'), [], {
        cwd: packageDir,
      });
    }
  }, 60_000);

  it('bundles for the browser with no node: imports', async () => {
    const result = await build({
      entryPoints: [join(packageDir, 'dist/index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/require\(["']node:|from ["']node:/);
  });

  it('pushes, queries and parses inside an Edge Runtime VM', async () => {
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'edge/entry.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const vm = new EdgeVM();
    vm.evaluate(bundle.outputFiles[0]!.text);
    const result = await vm.evaluate('runEdgeChecks()');
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      globals: { process: 'undefined', Buffer: 'undefined', require: 'undefined' },
      password:
        'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
      timestamp: '20240301003005',
      oauthRequests: 1,
      pending: 'pending',
      completed: 'completed',
      callback: 500,
    });
  });
});

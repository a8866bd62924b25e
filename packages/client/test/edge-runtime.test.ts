import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('built default entry without Node globals', () => {
  beforeAll(async () => {
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
    expect(result.outputFiles[0]!.text).not.toMatch(/node:crypto|require\(["']node:/);
  });

  it('creates, retrieves and maps errors inside an Edge Runtime VM', async () => {
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
    const result = JSON.parse(JSON.stringify(await vm.evaluate('runEdgeChecks()')));
    expect(result).toEqual({
      globals: { process: 'undefined', Buffer: 'undefined', require: 'undefined' },
      created: 'pay_edge',
      retrieved: 'COMPLETED:req_edge',
      notFound: 'true:req_404',
      seen: [
        'POST /api/v1/payments keyed',
        'GET /api/v1/payments/pay_edge unkeyed',
        'GET /api/v1/payments/missing unkeyed',
      ],
    });
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../scripts/test-support/edge-runtime.js';

const packageDir = join(import.meta.dirname, '..');

/** Bundles a built entry for Node, failing on any import of msw. */
async function importsOf(entry: string) {
  const result = await build({
    entryPoints: [join(packageDir, entry)],
    bundle: true,
    platform: 'node',
    write: false,
    logLevel: 'silent',
    metafile: true,
    external: ['ky', 'zod', 'p-throttle', 'ipaddr.js'],
    plugins: [
      {
        name: 'no-msw',
        setup(builder) {
          builder.onResolve({ filter: /^msw(\/|$)/ }, (args) => ({
            errors: [{ text: `${args.importer} imports ${args.path}` }],
          }));
        },
      },
    ],
  }).catch((error: { errors?: { text: string }[] }) => ({
    errors: error.errors ?? [{ text: String(error) }],
    metafile: undefined,
  }));
  return result.errors.map((e) => e.text);
}

describe('published subpaths', () => {
  beforeAll(() => ensureBuilt(packageDir), 60_000);

  it('@malipo/daraja/testing loads without msw (ESM and CJS builds)', async () => {
    expect(await importsOf('dist/testing/index.js')).toEqual([]);
    expect(await importsOf('dist/testing/index.cjs')).toEqual([]);
  });

  it('@malipo/daraja/testing/msw is where msw is needed', async () => {
    const errors = await importsOf('dist/testing/msw/index.js');
    expect(errors.join('\n')).toMatch(/imports msw/);
  });

  it('the main entry and the default security-credential build have no node: imports', async () => {
    for (const file of ['dist/index.js', 'dist/security-credential/default.js']) {
      const result = await build({
        entryPoints: [join(packageDir, file)],
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      expect(result.errors).toEqual([]);
      expect(result.outputFiles[0]?.text).not.toMatch(
        /(from |require\()["'](node:[a-z]+|crypto)["']/,
      );
    }
  });

  it('the Node build of security-credential is the one using node:crypto', async () => {
    const text = await readFile(join(packageDir, 'dist/security-credential/node.js'), 'utf8');
    expect(text).toMatch(/(from |require\()["'](node:)?crypto["']/);
  });

  it('package.json maps the node condition to the Node build and the rest to the default', async () => {
    const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports['./security-credential'])).toEqual(['node', 'default']);
    const published = pkg.publishConfig.exports['./security-credential'];
    expect(Object.keys(published)).toEqual(['node', 'default']);
    expect(published.node.import.default).toBe('./dist/security-credential/node.js');
    expect(published.default.require.default).toBe('./dist/security-credential/default.cjs');
    expect(pkg.publishConfig.exports['./testing/msw'].import.default).toBe(
      './dist/testing/msw/index.js',
    );
  });
});

#!/usr/bin/env node
// Checks the tarball a package would publish, from inside the package directory:
// publint and arethetypeswrong on the packed tarball, an import() and require() smoke test of
// the tarball's entries, its LICENSE and README, and the package's size budget (size-limit).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const work = join(dir, '.pack-check');
const bin = (name) => resolve(dir, '../../node_modules/.bin', name);
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { stdio: 'inherit', cwd: dir, ...options });

/** Packs `packageDir` into `into` and returns the tarball path. */
function pack(packageDir, into) {
  const out = execFileSync('pnpm', ['pack', '--pack-destination', into], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return out.trim().split('\n').pop().trim();
}

const dependencyDirs = [];

/**
 * Workspace dependencies are used as published too: each is packed and unpacked inside its own
 * folder (so its registry dependencies resolve from there), linked into `nodeModules`, and the
 * same is done for its own workspace dependencies.
 */
function linkWorkspaceDependencies(sourceDir, nodeModules) {
  const manifest = JSON.parse(readFileSync(join(sourceDir, 'package.json'), 'utf8'));
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (!String(range).startsWith('workspace:')) continue;
    const realDir = realpathSync(join(sourceDir, 'node_modules', name));
    const depWork = join(realDir, '.pack-check-dep');
    if (!dependencyDirs.includes(depWork)) {
      rmSync(depWork, { recursive: true, force: true });
      mkdirSync(join(depWork, 'pkg'), { recursive: true });
      dependencyDirs.push(depWork);
      run('tar', [
        '-xzf',
        pack(realDir, depWork),
        '-C',
        join(depWork, 'pkg'),
        '--strip-components=1',
      ]);
      linkWorkspaceDependencies(realDir, join(depWork, 'pkg', 'node_modules'));
    }
    mkdirSync(dirname(join(nodeModules, name)), { recursive: true });
    symlinkSync(join(depWork, 'pkg'), join(nodeModules, name), 'dir');
  }
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  const packed = execFileSync('pnpm', ['pack', '--pack-destination', work], {
    cwd: dir,
    encoding: 'utf8',
  });
  const tarball = packed.trim().split('\n').pop().trim();
  console.log(`\n${pkg.name}: checking ${tarball}`);

  // npm shows a package's LICENSE and README; both ship, and the LICENSE is the repository's.
  const packedFiles = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const file of ['LICENSE', 'README.md']) {
    if (!packedFiles.includes(`package/${file}`)) {
      throw new Error(`${pkg.name}: ${file} is not in the tarball`);
    }
  }
  const packedLicense = execFileSync('tar', ['-xzOf', tarball, 'package/LICENSE'], {
    encoding: 'utf8',
  });
  if (packedLicense !== readFileSync(resolve(dir, '../../LICENSE'), 'utf8')) {
    throw new Error(`${pkg.name}: LICENSE differs from the repository's LICENSE; copy it again`);
  }
  console.log('tarball ok: LICENSE and README.md');

  run(bin('publint'), ['run', tarball, '--strict']);
  run(bin('attw'), [tarball, '--profile', 'node16', '--format', 'table-flipped']);

  // Unpack as node_modules/<name> below the package so its dependencies resolve.
  const installed = join(work, 'node_modules', pkg.name);
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const subpaths = Object.keys(pkg.publishConfig?.exports ?? { '.': null }).filter(
    (s) => !s.endsWith('.json'),
  );
  const specifiers = subpaths.map((s) => (s === '.' ? pkg.name : `${pkg.name}/${s.slice(2)}`));
  // Workspace dependencies are used as published too: each is packed and unpacked inside its own
  // folder (so its dependencies resolve from there) and linked into the smoke test's node_modules.
  linkWorkspaceDependencies(dir, join(work, 'node_modules'));
  // Its own package.json, so Node does not self-resolve the name to the workspace sources.
  writeFileSync(join(work, 'package.json'), '{"name":"pack-smoke","private":true,"type":"module"}');
  writeFileSync(
    join(work, 'smoke.mjs'),
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
for (const id of ${JSON.stringify(specifiers)}) {
  const esm = await import(id);
  const cjs = require(id);
  const names = Object.keys(esm).sort().join(',');
  if (names === '' || names !== Object.keys(cjs).filter((k) => k !== '__esModule' && k !== 'default').sort().join(',')) {
    throw new Error(id + ': ESM and CJS exports differ or are empty');
  }
  console.log('smoke ok:', id, '(' + Object.keys(esm).length + ' exports, import and require)');
}
`,
  );
  run(process.execPath, [join(work, 'smoke.mjs')], { cwd: work });
  // Beyond export names: a package may use itself from the tarball as a user would (construct,
  // call), under both import and require, from test/tarball-use.mjs.
  const use = join(dir, 'test', 'tarball-use.mjs');
  if (existsSync(use)) {
    copyFileSync(use, join(work, 'use.mjs'));
    run(process.execPath, [join(work, 'use.mjs')], { cwd: work });
  }

  if (pkg['size-limit']) run(bin('size-limit'), []);
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const depWork of dependencyDirs) rmSync(depWork, { recursive: true, force: true });
}

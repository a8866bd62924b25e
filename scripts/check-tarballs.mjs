#!/usr/bin/env node
// `pnpm check:tarballs` (after `pnpm build`): every published package packed once, then
// 1. per package, scripts/check-package.mjs on its tarball: LICENSE and README, publint,
//    arethetypeswrong and the size budget;
// 2. a scratch project in the OS temp folder that installs all the tarballs with npm as a user
//    would (msw not installed), then loads every entry point and runs each package's
//    test/tarball-use.mjs (a client request against a local server, a webhook verified, an STK
//    push against the Daraja simulator…) from an ES module (import) and from a CommonJS module
//    (require), on Node 22 and Node 24, and compares the export names the two saw.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeBinary } from './check-tarballs/node-binary.mjs';
import { createScratchProject } from './check-tarballs/scratch-project.mjs';

const root = resolve(import.meta.dirname, '..');
const nodeMajors = [22, 24];
const timings = [];
const timed = (label, step) => {
  const started = performance.now();
  const result = step();
  timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

const published = readdirSync(join(root, 'packages'))
  .map((folder) => join(root, 'packages', folder))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private)
  .map(({ dir, manifest }) => ({
    dir,
    name: manifest.name,
    entries: Object.keys(manifest.publishConfig?.exports ?? { '.': null })
      .filter((subpath) => !subpath.endsWith('.json'))
      .map((subpath) => manifest.name + subpath.slice(1)),
    optionalPeers: Object.keys(manifest.peerDependenciesMeta ?? {}).filter(
      (peer) => manifest.peerDependenciesMeta[peer].optional,
    ),
    use: existsSync(join(dir, 'test', 'tarball-use.mjs'))
      ? join(dir, 'test', 'tarball-use.mjs')
      : undefined,
  }));

const packDir = mkdtempSync(join(tmpdir(), 'malipo-pack-'));
let scratch;
try {
  timed('pack', () => {
    const filters = published.flatMap(({ name }) => ['--filter', name]);
    const packed = JSON.parse(
      execFileSync('pnpm', ['-r', ...filters, 'pack', '--pack-destination', packDir, '--json'], {
        cwd: root,
        encoding: 'utf8',
      }),
    );
    for (const pkg of published) {
      pkg.tarball = packed.find((entry) => entry.name === pkg.name)?.filename;
      if (!pkg.tarball)
        throw new Error(`check:tarballs: pnpm pack made no tarball for ${pkg.name}`);
    }
  });

  timed('publint, attw, size', () => {
    for (const { dir, tarball } of published) {
      execFileSync(process.execPath, [join(root, 'scripts', 'check-package.mjs'), tarball], {
        cwd: dir,
        stdio: 'inherit',
      });
    }
  });

  const nodes = timed(`node ${nodeMajors.join(' and ')}`, () => nodeMajors.map(nodeBinary));
  console.log(`\ncheck:tarballs: installing the tarballs in a scratch project (no msw)`);
  scratch = timed('npm install', () => createScratchProject(published));

  // Without the workspace's module paths or preloads: what a user's project would see.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  for (const node of nodes) {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    timed(`run on ${version}`, () => {
      console.log(`\ncheck:tarballs: node ${version}, import`);
      execFileSync(node, ['import.mjs'], { cwd: scratch, env, stdio: 'inherit' });
      console.log(`\ncheck:tarballs: node ${version}, require`);
      execFileSync(node, ['require.cjs'], { cwd: scratch, env, stdio: 'inherit' });
    });
    const seen = (how) => readFileSync(join(scratch, `exports-${how}.json`), 'utf8');
    if (seen('import') !== seen('require')) {
      throw new Error(
        `check:tarballs: on node ${version} import and require see different exports; compare ${scratch}/exports-import.json and exports-require.json`,
      );
    }
  }
  console.log(`\ncheck:tarballs: ok (${timings.join(', ')})`);
  rmSync(scratch, { recursive: true, force: true });
} catch (error) {
  console.error(`\n${String(error.message).split('\n')[0]}`);
  if (scratch) console.error(`check:tarballs: the scratch project is kept for a look: ${scratch}`);
  process.exitCode = 1;
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

#!/usr/bin/env node
// Checks the tarball a package would publish, from inside the package directory: its LICENSE
// and README, publint and arethetypeswrong on the tarball, and the package's size budget
// (size-limit). Packs the package itself, or checks the tarball named as the first argument
// (scripts/check-tarballs.mjs packs every package once and passes each one here). Using the
// tarballs as a user would (import and require, Node 22 and 24) is scripts/check-tarballs.mjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const work = join(dir, '.pack-check');
const bin = (name) => resolve(dir, '../../node_modules/.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: dir });

const given = process.argv[2] && resolve(process.argv[2]);
let tarball = given;
try {
  if (!given) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const packed = execFileSync('pnpm', ['pack', '--pack-destination', work], {
      cwd: dir,
      encoding: 'utf8',
    });
    tarball = packed.trim().split('\n').pop().trim();
  }
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
  if (pkg['size-limit']) run(bin('size-limit'), []);
} finally {
  if (!given) rmSync(work, { recursive: true, force: true });
}

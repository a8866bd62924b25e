// A user's project in the OS temp folder (no workspace node_modules above it) that installs the
// packed tarballs with npm: their registry dependencies come from the registry; peers are not
// installed (--legacy-peer-deps), so msw (an optional peer of @malipo/daraja) and the adapters'
// frameworks are absent, which shows `@malipo/daraja/testing` and the adapters load without them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;

/**
 * Creates and installs the project. `packages` are `{ name, tarball, entries, optionalPeers,
 * use }`, `use` being a package's test/tarball-use.mjs (copied in) or undefined.
 */
export function createScratchProject(packages) {
  const dir = mkdtempSync(join(tmpdir(), 'malipo-tarballs-'));
  const dependencies = Object.fromEntries(packages.map((p) => [p.name, `file:${p.tarball}`]));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'malipo-tarball-user', private: true, dependencies }, null, 2)}\n`,
  );
  for (const file of ['run-checks.mjs', 'import.mjs', 'require.cjs']) {
    copyFileSync(join(here, file), join(dir, file));
  }
  const manifest = packages.map(({ name, entries, optionalPeers, use }) => {
    if (!use) return { name, entries, optionalPeers };
    const copy = `use-${name.split('/').pop()}.mjs`;
    copyFileSync(use, join(dir, copy));
    return { name, entries, optionalPeers, use: copy };
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ packages: manifest }, null, 2));

  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--legacy-peer-deps'],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  assertInstalledFromTarballs(dir, packages);
  return dir;
}

function assertInstalledFromTarballs(dir, packages) {
  // Each @malipo package once, from its tarball: a registry copy of a sibling would hide a
  // broken dependency range in the packed package.json.
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const malipo = Object.entries(lock.packages).filter(([path]) =>
    /(^|\/)node_modules\/@malipo\//.test(path),
  );
  const stray = malipo.filter(([, entry]) => !entry.resolved?.startsWith('file:'));
  if (malipo.length !== packages.length || stray.length > 0) {
    throw new Error(
      `check:tarballs: expected each @malipo package once, from its tarball; got ${malipo
        .map(([path, entry]) => `${path} (${entry.resolved})`)
        .join(', ')}`,
    );
  }
  const require = createRequire(join(dir, 'package.json'));
  try {
    require.resolve('msw');
  } catch {
    return;
  }
  throw new Error(`check:tarballs: msw resolves from ${dir}; the check needs it absent`);
}

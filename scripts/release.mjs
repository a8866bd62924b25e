#!/usr/bin/env node
// `pnpm release`: build, check the tarballs (publint, arethetypeswrong, smoke tests, size budgets),
// `changeset version` when changesets are pending, pack what `changeset publish` would publish,
// check each tarball's contents, then publish those very tarballs.
//
// `pnpm release --dry-run` runs every step but the publish in a scratch clone holding the working
// tree as it is (committed, changed and untracked files), so this checkout is left as it was. It
// proves the changelogs are generated from the pending changesets and that every tarball carries
// LICENSE, CHANGELOG.md, README.md and a package.json with caret ranges.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// `pnpm release -- --dry-run` passes the `--` on.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const dryRun = args.includes('--dry-run');
const unknown = args.find((arg) => arg !== '--dry-run');
if (unknown) {
  console.error(`release: unknown option ${unknown}; the only option is --dry-run`);
  process.exit(2);
}

function run(cwd, command, commandArgs) {
  console.log(`\nrelease: ${command} ${commandArgs.join(' ')}`);
  execFileSync(command, commandArgs, { cwd, stdio: 'inherit' });
}

/** A clone of this repository with the working tree's files copied over it; returns its path. */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'malipo-release-'));
  execFileSync('git', ['clone', '--quiet', root, dir]);
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  for (const file of listed.split('\0').filter(Boolean)) {
    const exists = lstatSync(join(root, file), { throwIfNoEntry: false });
    if (!exists) {
      rmSync(join(dir, file), { force: true });
      continue;
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file), { verbatimSymlinks: true });
  }
  return dir;
}

function pendingChangesets(cwd) {
  return readdirSync(join(cwd, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
}

/** Every caret: `^1.2.3`, or alternatives of them such as `^4.21.0 || ^5.0.0`. */
const isCaretRange = (range) => range.split('||').every((part) => /^\^\d/.test(part.trim()));

/** Checks the tarballs `changeset pack` wrote; returns one line per tarball, throws on a problem. */
function checkTarballs(cwd, packDir) {
  const { plan } = JSON.parse(readFileSync(join(packDir, 'publish-plan.json'), 'utf8'));
  const releases = plan.flat().filter((release) => release.kind === 'publish');
  const license = readFileSync(join(cwd, 'LICENSE'), 'utf8');
  const failures = [];
  const lines = [];
  for (const release of releases) {
    const tarball = join(packDir, release.tarball.path);
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    const read = (file) =>
      execFileSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8' });
    const problems = [];
    for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      if (!files.includes(`package/${file}`)) problems.push(`${file} is missing`);
    }
    if (files.includes('package/LICENSE') && read('LICENSE') !== license) {
      problems.push("LICENSE differs from the repository's LICENSE");
    }
    if (
      files.includes('package/CHANGELOG.md') &&
      !read('CHANGELOG.md').includes(`## ${release.version}\n`)
    ) {
      problems.push(`CHANGELOG.md has no "## ${release.version}" section`);
    }
    const manifest = JSON.parse(read('package.json'));
    if (manifest.version !== release.version) {
      problems.push(`package.json says ${manifest.version}`);
    }
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (!isCaretRange(range)) {
          problems.push(`${field}.${name} is "${range}", not a caret range`);
        }
      }
    }
    if (JSON.stringify(manifest.exports ?? {}).includes('./src/')) {
      problems.push('exports point at ./src: publishConfig was not applied');
    }
    const name = `${release.name}@${release.version}`;
    if (problems.length > 0) failures.push(`${name}: ${problems.join('; ')}`);
    lines.push(`${problems.length > 0 ? '✗' : '✓'} ${name} (${files.length - 1} files)`);
  }
  if (releases.length === 0) {
    lines.push('nothing to publish: every version is already on the registry');
  }
  console.log(`\nrelease: tarball contents\n${lines.join('\n')}`);
  if (failures.length > 0) {
    throw new Error(`release: tarballs not fit to publish:\n${failures.join('\n')}`);
  }
}

const cwd = dryRun ? scratchCopy() : root;
if (dryRun) console.log(`release: dry run in ${cwd}`);
try {
  if (dryRun) run(cwd, 'pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  run(cwd, 'pnpm', ['build']);
  run(cwd, 'pnpm', ['check:tarballs']);
  if (pendingChangesets(cwd).length > 0) {
    run(cwd, 'pnpm', ['changeset', 'version']);
  } else {
    // After the version pull request is merged there are none: publish what package.json says.
    console.log('\nrelease: no pending changesets, so the versions in package.json are released');
  }
  const packDir = join(cwd, '.release');
  rmSync(packDir, { recursive: true, force: true });
  run(cwd, 'pnpm', ['changeset', 'pack', '--out-dir', packDir]);
  checkTarballs(cwd, packDir);
  if (dryRun) {
    console.log('\nrelease: dry run passed; nothing was published and this checkout is unchanged');
  } else {
    run(cwd, 'pnpm', ['changeset', 'publish', '--from-pack-dir', packDir]);
  }
} catch (error) {
  // execFileSync's own error repeats the command's output; its first line names the command.
  console.error(`\n${String(error.message).split('\n')[0]}`);
  if (dryRun) console.error(`release: the scratch clone is kept for a look: ${cwd}`);
  process.exit(1);
}
if (dryRun) rmSync(cwd, { recursive: true, force: true });

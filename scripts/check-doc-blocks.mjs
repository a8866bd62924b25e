#!/usr/bin/env node
// Type-checks every TypeScript (and JavaScript) block in the READMEs and guides, as a user who
// installed the packages would compile it. Files: README.md, packages/*/README.md,
// examples/*/README.md and docs/*.md, found afresh on each run. Blocks fenced as ts, typescript,
// tsx, mts, cts, js, javascript, jsx or mjs are each written to their own module under
// .doc-blocks/ (gitignored) and checked in one TypeScript program with the repo's strict
// settings (tsconfig.base.json); a failure prints as `file.md:line: message` at the markdown line.
//
// `@malipo/*` resolve as they would from npm: .doc-blocks/node_modules holds each published
// package's package.json with its publishConfig applied (exports → dist) and its built
// declaration files, so the blocks see the published types, not the workspace's src. Packages
// are built first when a dist is missing or older than its sources. Third-party packages
// (frameworks, msw, @types/node…) are linked from the workspace's node_modules.
//
// A block that cannot stand alone says so in an HTML comment on the line right above its fence:
//   <!-- doc-check: skip — why it cannot compile -->     not checked; listed in every run's output
//   <!-- doc-check: prelude NAME -->                     scripts/doc-blocks/NAME.ts is put in front
//                                                        of the block (the reader's own code, like
//                                                        an order store, declared once)
// Prefer a block that compiles as written: a skip needs a reason, and both are counted.
//
//   node scripts/check-doc-blocks.mjs [--no-build]    (--no-build: use dist as it is, even stale)
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.doc-blocks');
const preludeDir = join(root, 'scripts', 'doc-blocks');
const started = performance.now();

const extensions = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'mts',
  cts: 'cts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'mjs',
  jsx: 'jsx',
};

/** Paths relative to the root, with `/` (what the messages print). */
const rel = (path) => relative(root, path).split(sep).join('/');

function markdownFiles() {
  const inFolders = (folder) =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(folder, entry.name, 'README.md'))
      : [];
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...inFolders('packages'), ...inFolders('examples'), ...docs]
    .filter((file) => existsSync(join(root, file)))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Markdown: fenced blocks and the doc-check comments right above them.

const fenceOpen = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/;
const directive = /<!--\s*doc-check:\s*([\s\S]*?)\s*-->/;

/** Blocks of one markdown file; `problems` collects misplaced or malformed markers. */
function parseMarkdown(file, problems) {
  const lines = readFileSync(join(root, file), 'utf8').split(/\r?\n/);
  const blocks = [];
  const pending = []; // doc-check comments since the last non-comment line
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const open = fenceOpen.exec(line);
    if (!open) {
      const marker = directive.exec(line);
      if (marker) pending.push({ text: marker[1], line: i + 1 });
      else if (!/^\s*<!--.*-->\s*$/.test(line)) flushStray(file, pending, problems);
      continue;
    }
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close?.[1][0] === fence[0] && close[1].length >= fence.length) break;
      // Inside a list item the fence is indented: drop that much from each line.
      body.push(lines[j].replace(new RegExp(`^ {0,${indent.length}}`), ''));
    }
    const lang = info.toLowerCase();
    const markers = pending.splice(0);
    if (extensions[lang]) {
      blocks.push({
        file,
        lang,
        line: i + 2,
        code: body.join('\n'),
        ...readMarkers(file, markers, problems),
      });
    } else {
      for (const m of markers) {
        problems.push(
          `${file}:${m.line}: doc-check marker above a ${lang || 'plain'} block, which is not checked`,
        );
      }
    }
    i = j;
  }
  flushStray(file, pending, problems);
  return blocks;
}

function flushStray(file, pending, problems) {
  for (const m of pending.splice(0)) {
    problems.push(`${file}:${m.line}: doc-check marker not directly above a code fence`);
  }
}

function readMarkers(file, markers, problems) {
  const result = { skip: undefined, preludes: [] };
  for (const { text, line } of markers) {
    const skip = /^skip(?:\s*[—–:-]\s*|\s+)(\S[\s\S]*)$/.exec(text);
    const prelude = /^prelude\s+([\w-]+)$/.exec(text);
    if (skip) result.skip = { reason: skip[1].replace(/\s+/g, ' '), line };
    else if (prelude && existsSync(join(preludeDir, `${prelude[1]}.ts`))) {
      result.preludes.push(prelude[1]);
    } else if (prelude) {
      problems.push(`${file}:${line}: no prelude ${rel(join(preludeDir, `${prelude[1]}.ts`))}`);
    } else {
      problems.push(
        `${file}:${line}: unknown doc-check marker "${text}"; use "skip — <reason>" or "prelude <name>"`,
      );
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The packages as installed from npm.

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function declarationFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path, base);
    return /\.d\.[cm]?ts$/.test(entry.name) ? [relative(base, path)] : [];
  });
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private && manifest.publishConfig?.exports);
}

function isStale({ dir }) {
  const types = declarationFiles(join(dir, 'dist'));
  if (types.length === 0) return true;
  const built = Math.min(...types.map((file) => statSync(join(dir, 'dist', file)).mtimeMs));
  const sources = ['src', 'package.json', 'tsup.config.ts'].map((p) => newestMtime(join(dir, p)));
  return Math.max(...sources) > built;
}

/** Builds the packages whose dist is missing or older than their sources (`pnpm test` built all). */
function buildIfStale(packages) {
  const stale = packages.filter(isStale).map((p) => p.manifest.name);
  if (stale.length === 0) return;
  if (process.argv.includes('--no-build')) {
    console.warn(
      `doc-blocks: --no-build: checking against stale or missing dist of ${stale.join(', ')}`,
    );
    return;
  }
  console.log(`doc-blocks: building ${stale.join(', ')} (dist missing or older than src)`);
  const filters = stale.flatMap((name) => ['--filter', name]);
  const build = spawnSync('pnpm', [...filters, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`doc-blocks: building ${stale.join(', ')} failed; the blocks need their dist`);
    process.exit(2);
  }
}

/** node_modules/@malipo/<name>: the packed package.json and the declaration files of dist. */
function installPublished({ dir, manifest }, modules) {
  const target = join(modules, manifest.name);
  mkdirSync(target, { recursive: true });
  const { publishConfig, devDependencies: _dev, scripts: _scripts, ...published } = manifest;
  const { access: _access, registry: _registry, tag: _tag, ...overrides } = publishConfig;
  writeFileSync(
    join(target, 'package.json'),
    JSON.stringify({ ...published, ...overrides }, null, 2),
  );
  for (const file of declarationFiles(join(dir, 'dist'))) {
    mkdirSync(dirname(join(target, 'dist', file)), { recursive: true });
    copyFileSync(join(dir, 'dist', file), join(target, 'dist', file));
  }
}

/**
 * Links every third-party package found in the workspace's node_modules folders (root first,
 * then packages, then examples) into `modules`: the frameworks and tools a reader installs next to
 * ours. Each link points at the real folder in pnpm's store, so their own dependencies resolve.
 */
function linkThirdParty(modules) {
  const folders = ['.', 'packages', 'examples'].flatMap((folder) =>
    folder === '.'
      ? [root]
      : readdirSync(join(root, folder)).map((name) => join(root, folder, name)),
  );
  for (const folder of folders) {
    const nodeModules = join(folder, 'node_modules');
    if (!existsSync(nodeModules)) continue;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.') || entry === '@malipo') continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map((name) => `${entry}/${name}`)
        : [entry];
      for (const name of names) {
        const link = join(modules, name);
        if (existsSync(link) || isLink(link)) continue;
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(realpathSync(join(nodeModules, name)), link, 'dir');
      }
    }
  }
}

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Generate, compile, report.

const problems = [];
const markdown = markdownFiles();
const blocks = markdown.flatMap((file) => parseMarkdown(file, problems));
const checked = blocks.filter((block) => !block.skip);
const skipped = blocks.filter((block) => block.skip);

const packages = publishedPackages();
buildIfStale(packages);

rmSync(outDir, { recursive: true, force: true });
const modules = join(outDir, 'node_modules');
for (const pkg of packages) installPublished(pkg, modules);
linkThirdParty(modules);

const preludeText = new Map();
const generated = new Map(); // generated file → { block, offset, preludes: [{ name, start, length }] }
for (const block of checked) {
  let text = '';
  const preludes = [];
  for (const name of block.preludes) {
    if (!preludeText.has(name)) {
      preludeText.set(
        name,
        readFileSync(join(preludeDir, `${name}.ts`), 'utf8').replace(/\n*$/, '\n'),
      );
    }
    const content = preludeText.get(name);
    preludes.push({
      name,
      start: text.split('\n').length - 1,
      length: content.split('\n').length - 1,
    });
    text += content;
  }
  const offset = text.split('\n').length - 1;
  const path = join(
    outDir,
    'blocks',
    `${block.file.replace(/\.md$/, '')}.L${block.line}.${extensions[block.lang]}`,
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${text}${block.code}\n`);
  generated.set(path, { block, offset, preludes });
}

// The repo's strict settings, as a Node user with @types/node compiles: `node` is among the
// export conditions (as under nodenext), so `@malipo/webhooks` gives its node:crypto build.
const tsconfig = {
  extends: '../tsconfig.base.json',
  compilerOptions: {
    types: ['node'],
    customConditions: ['node'],
    allowJs: true,
    checkJs: true,
    jsx: 'preserve',
  },
  include: ['blocks'],
};
writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
const config = ts.getParsedCommandLineOfConfigFile(join(outDir, 'tsconfig.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => problems.push(format(d)),
});

let failures = [...problems, ...(config?.errors ?? []).map(format)];
if (checked.length > 0 && config) {
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  failures.push(...ts.getPreEmitDiagnostics(program).map(format));
}

/** `file.md:line: message`, at the markdown line (or the prelude's line) the diagnostic is on. */
function format(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
  const text = `TS${diagnostic.code}: ${message}`;
  if (!diagnostic.file) return `tsc: ${text}`;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const source = generated.get(resolve(diagnostic.file.fileName));
  if (!source) return `${rel(diagnostic.file.fileName)}:${line + 1}: ${text}`;
  if (line >= source.offset) {
    return `${source.block.file}:${source.block.line + line - source.offset}: ${text}`;
  }
  const prelude = source.preludes.find((p) => line >= p.start && line < p.start + p.length);
  const where = `${rel(join(preludeDir, `${prelude.name}.ts`))}:${line - prelude.start + 1}`;
  return `${where}: ${text}`; // once, however many blocks it is put in front of
}

// By file, then line: tsc reports in program order.
const position = (failure) => /^(.*?):(\d+): /.exec(failure) ?? [failure, failure, '0'];
failures = [...new Set(failures)].sort((a, b) => {
  const [, fileA, lineA] = position(a);
  const [, fileB, lineB] = position(b);
  return fileA.localeCompare(fileB) || Number(lineA) - Number(lineB);
});
for (const failure of failures) console.error(failure);

const files = new Set(blocks.map((block) => block.file)).size;
const withPrelude = checked.filter((block) => block.preludes.length > 0).length;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `doc-blocks: ${checked.length} blocks checked in ${files} of ${markdown.length} markdown files (${withPrelude} with a prelude), ${skipped.length} skipped, ${failures.length} errors, ${seconds}s`,
);
for (const { file, skip } of skipped) console.log(`  skipped ${file}:${skip.line}: ${skip.reason}`);
process.exit(failures.length > 0 ? 1 : 0);

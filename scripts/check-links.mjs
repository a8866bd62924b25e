#!/usr/bin/env node
// Dead-link check over a generated static site (the typedoc output of `pnpm docs`): every
// relative href/src must name a file in the output, and every #fragment an id (or name) in the
// page it points at. Offline by design: absolute URLs (https:, mailto:, data:, …) are skipped.
//
//   node scripts/check-links.mjs [dir]    (default: docs/api)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'docs/api');
if (!existsSync(join(root, 'index.html'))) {
  console.error(
    `check-links: no ${relative(process.cwd(), join(root, 'index.html'))}; run pnpm docs first.`,
  );
  process.exit(2);
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
const decodeEntities = (text) =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e) => entities[e] ?? m);
const decodeUri = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed %-escape: compare it as written
  }
};
const attribute = (name) => new RegExp(`\\s(?:${name})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'gi');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// Ids (and <a name>) per page, read once. SVG sprites count: typedoc links `icons.svg#icon-…`.
const idCache = new Map();
function idsOf(file) {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set();
    if (['.html', '.svg'].includes(extname(file))) {
      for (const m of readFileSync(file, 'utf8').matchAll(attribute('id|name'))) {
        ids.add(decodeEntities(m[1] ?? m[2]));
      }
    }
    idCache.set(file, ids);
  }
  return ids;
}

const dead = [];
let pages = 0;
let links = 0;
for (const page of files(root)) {
  if (extname(page) !== '.html') continue;
  pages++;
  for (const m of readFileSync(page, 'utf8').matchAll(attribute('href|src'))) {
    const url = decodeEntities(m[1] ?? m[2]).trim();
    // Scheme (https:, mailto:, data:, javascript:) or protocol-relative: not ours to check.
    if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
    links++;
    const hash = url.indexOf('#');
    const pathPart = (hash === -1 ? url : url.slice(0, hash)).replace(/\?.*$/, '');
    const fragment = hash === -1 ? '' : url.slice(hash + 1);
    let target = page;
    if (pathPart !== '') {
      const decoded = decodeUri(pathPart);
      target = decoded.startsWith('/') ? join(root, decoded) : resolve(dirname(page), decoded);
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
    }
    const from = relative(root, page);
    if (relative(root, target).startsWith('..')) {
      dead.push(`${from}: ${url} (leaves the output folder)`);
    } else if (!existsSync(target)) {
      dead.push(`${from}: ${url} (no such file)`);
    } else if (fragment !== '' && !idsOf(target).has(decodeUri(fragment))) {
      dead.push(`${from}: ${url} (no id "${decodeUri(fragment)}" in ${relative(root, target)})`);
    }
  }
}

const where = relative(process.cwd(), root) || '.';
if (dead.length > 0) {
  console.error(`check-links: ${dead.length} dead link(s) in ${where}:`);
  for (const line of dead) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`check-links: ${links} relative links in ${pages} pages under ${where}, none dead.`);

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The gateway's layer rules, checked on the source: HTTP handlers and pages → services → stores. Stores
 * (and `db/`, which opens databases and migrates) are the only code that runs SQL; services never
 * see HTTP; folders do not import each other in circles.
 */
const src = join(import.meta.dirname, '../src');
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(src, file), 'utf8') }));
const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : '(root)') as string;
const importsOf = (file: string, text: string) =>
  [...text.matchAll(/from '(\.[^']+)'/g)].map((match) =>
    relative(src, resolve(dirname(join(src, file)), match[1] as string)),
  );

describe('gateway layers', () => {
  it('only stores and db run SQL', () => {
    // A SQL string passed to `.query(`/`.exec(`; Hono's `c.req.query('name')` reads the URL.
    const sql = files.filter(({ text }) => /(?<!req)\.(query|exec)(<[^>]*>)?\(\s*['"`]/.test(text));
    expect(sql.map(({ file }) => file)).toContain('stores/payments-store.ts'); // the probe sees SQL
    const outside = sql.map(({ file }) => file).filter((f) => !/^(stores|db)\//.test(f));
    expect(outside).toEqual([]);
  });

  it('services, stores and workers never import HTTP code', () => {
    // Top-level files are composition roots and programs (api, worker, gateway, main, simulator).
    const httpFree = files.filter(
      ({ file }) => file.includes('/') && !/^(http|handlers|pages)\//.test(file),
    );
    const leaks = httpFree.flatMap(({ file, text }) => [
      ...(/from 'hono|from '@hono/.test(text) ? [`${file} imports hono`] : []),
      ...importsOf(file, text)
        .filter((target) => /^(http|handlers|pages)\/|^api(\.js)?$/.test(target))
        .map((target) => `${file} → ${target}`),
    ]);
    expect(leaks).toEqual([]);
  });

  it('folders import each other in no cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { file, text } of files) {
      for (const target of importsOf(file, text)) {
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from === to || to === '(root)' || from === '(root)') continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)?.add(to);
      }
    }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      for (const next of edges.get(from) ?? []) {
        if (next === to) return true;
        if (!seen.has(next)) {
          seen.add(next);
          if (reaches(next, to, seen)) return true;
        }
      }
      return false;
    };
    const cycles = [...edges.keys()].filter((folder) => reaches(folder, folder));
    expect(cycles).toEqual([]);
  });
});

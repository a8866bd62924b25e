import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Verifying webhooks must not install the Daraja client (ky, p-throttle, ipaddr.js): only the
 * Daraja guard (`@malipo/webhooks/daraja`) needs `@malipo/daraja`, an optional peer.
 */
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  exports: Record<string, unknown>;
};

const source = (entry: string) => readFileSync(new URL(`../src/${entry}`, import.meta.url), 'utf8');

/** The modules an entry reaches through relative imports, read from the sources. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const dir = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  for (const [, path] of source(entry).matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
    const parts = `${dir}${path}.ts`.split('/');
    const resolved: string[] = [];
    for (const part of parts) {
      if (part === '..') resolved.pop();
      else if (part !== '.') resolved.push(part);
    }
    reachable(resolved.join('/'), seen);
  }
  return seen;
}

describe('what installing @malipo/webhooks brings', () => {
  it('the Daraja client is an optional peer, not a dependency', () => {
    expect(Object.keys(manifest.dependencies)).not.toContain('@malipo/daraja');
    expect(manifest.peerDependencies['@malipo/daraja']).toBeDefined();
    expect(manifest.peerDependenciesMeta['@malipo/daraja']).toEqual({ optional: true });
  });

  it.each([
    'index.ts',
    'index.node.ts',
    'adapter.ts',
    'adapter.node.ts',
    'verify.ts',
    'verify.node.ts',
  ])('%s never imports @malipo/daraja', (entry) => {
    const modules = [...reachable(entry)];
    expect(modules.length).toBeGreaterThan(1);
    const importers = modules.filter((module) => source(module).includes("from '@malipo/daraja"));
    expect(importers).toEqual([]);
  });

  it('the Daraja guard entry does, and is exported as ./daraja', () => {
    const modules = [...reachable('daraja.ts')];
    expect(modules.some((module) => source(module).includes("from '@malipo/daraja'"))).toBe(true);
    expect(manifest.exports['./daraja']).toBe('./src/daraja.ts');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

const packageDir = join(import.meta.dirname, '..');
const packagesDir = join(packageDir, '..');
const conditions = ['worker', 'import', 'default'];

/** The `{ Malipo }` bundle the issue sets a budget for (gzip -9). */
const goalBytes = 15 * 1024;

// Each SDK bundled the same way: everything it imports, for a worker/browser-like target.
const entries: [string, string][] = [
  ['@malipo/client { Malipo }', "export { Malipo } from './dist/index.js';"],
  ['@malipo/client/webhooks { Webhooks }', "export { Webhooks } from './dist/webhooks/index.js';"],
  ['stripe', "export { default } from 'stripe';"],
  ['openai', "export { default } from 'openai';"],
  [
    'paystack-sdk (community TS SDK; @paystack/paystack-sdk 1.2.1 ships no dist)',
    "export { Paystack } from 'paystack-sdk';",
  ],
];

/** The file an `exports` entry names for our conditions, as a bundler picks it. */
function pick(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target))
    if (conditions.includes(condition)) return pick(value);
  return undefined;
}

/**
 * Resolves workspace packages (`@malipo/contract`, `@malipo/webhooks`) as a user installs them:
 * through their published `exports` to their built `dist`, where a package is one file per entry
 * and tree-shaking works per statement, not per source module. A package not built yet is
 * bundled from source and named in `fromSource`.
 */
function published(fromSource: Set<string>): Plugin {
  return {
    name: 'published-workspace-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@malipo\/(contract|webhooks)(\/|$)/ }, ({ path }) => {
        const [scope, name, ...rest] = path.split('/');
        const dir = join(packagesDir, name!);
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        const subpath = ['.', ...rest].join('/');
        const file = pick(manifest.publishConfig?.exports?.[subpath]);
        if (!file || !existsSync(join(dir, file))) {
          fromSource.add(`${scope}/${name}`);
          return undefined;
        }
        const sideEffects: unknown = manifest.sideEffects;
        return {
          path: join(dir, file),
          sideEffects: Array.isArray(sideEffects)
            ? sideEffects.some((entry: string) => resolve(dir, entry) === join(dir, file))
            : sideEffects !== false,
        };
      });
    },
  };
}

async function bundle(contents: string, fromSource = new Set<string>()) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    external: ['node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [published(fromSource)],
  });
  const gzip = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
  return { gzip, metafile: result.metafile };
}

/** Minified bytes of a bundle by package (`zod`, `ky`, `@malipo/contract`…), largest first. */
function byPackage(metafile: Metafile): [string, number][] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
        (path.startsWith('../') ? `@malipo/${path.split('/')[1]}` : '@malipo/client');
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Minified + gzipped size of each client with all its dependencies, ours beside its goal. */
export async function benchBundleSize(): Promise<void> {
  console.log('\nClient bundle size (esbuild, minified, all dependencies, gzip -9)');
  let ours: Awaited<ReturnType<typeof bundle>> | undefined;
  const fromSource = new Set<string>();
  for (const [name, contents] of entries) {
    try {
      const result = await bundle(contents, fromSource);
      ours ??= result;
      console.log(
        `  ${name.padEnd(76)} ${kb(result.gzip).padStart(8)}   ${(result.gzip / ours.gzip).toFixed(1)}× ours`,
      );
    } catch (error) {
      console.log(
        `  ${name.padEnd(76)} could not be bundled for a worker target: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
  if (!ours) return;
  if (fromSource.size > 0)
    console.log(
      `  (not built, so bundled from source: ${[...fromSource].join(', ')}; \`pnpm build\` measures what users install)`,
    );
  console.log(
    `  what { Malipo } carries, minified: ${byPackage(ours.metafile)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ')}`,
  );
  // The floor under the goal: the HTTP library and the schema library on their own.
  const floor = await bundle(
    "import ky from 'ky'; import * as z from 'zod/mini'; export const k = ky.create({}); export const s = z.strictObject({ a: z.int().check(z.positive(), z.maximum(5)), b: z.string().check(z.regex(/^[A-Z]{3}$/), z.maxLength(3)), c: z.optional(z.enum(['A', 'B'])), d: z.optional(z.array(z.string()).check(z.minLength(1))), e: z.optional(z.looseObject({ f: z.optional(z.string()) }).check(z.refine(() => true))), g: z.record(z.string(), z.unknown()), h: z.iso.datetime(), i: z.coerce.number() });",
  );
  console.log(
    `  ky + the zod/mini checks a request uses, alone: ${kb(floor.gzip)} (the floor under any client built on both)`,
  );
  console.log(
    `  goal: { Malipo } ≤ ${kb(goalBytes)} → ${kb(ours.gzip)} (${ours.gzip <= goalBytes ? 'met' : 'not met'})`,
  );
}

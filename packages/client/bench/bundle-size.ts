import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = join(import.meta.dirname, '..');

// Each SDK bundled the same way: everything it imports, for a worker/browser-like target.
const entries: [string, string][] = [
  ['@malipo/client', "export { Malipo } from './dist/index.js';"],
  ['stripe', "export { default } from 'stripe';"],
  ['openai', "export { default } from 'openai';"],
  [
    'paystack-sdk (community TS SDK; @paystack/paystack-sdk 1.2.1 ships no dist)',
    "export { Paystack } from 'paystack-sdk';",
  ],
];

/** Minified + gzipped size of each client with all its dependencies. */
export async function benchBundleSize(): Promise<void> {
  console.log('\nClient bundle size (esbuild, minified, all dependencies, gzip)');
  let ours = 0;
  for (const [name, contents] of entries) {
    try {
      const result = await build({
        stdin: { contents, resolveDir: packageDir, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
        conditions: ['worker', 'import', 'default'],
        external: ['node:*'],
        write: false,
        logLevel: 'silent',
      });
      const gz = gzipSync(result.outputFiles[0]!.contents).length;
      if (!ours) ours = gz;
      console.log(
        `  ${name.padEnd(76)} ${(gz / 1024).toFixed(1).padStart(7)} KB   ${(gz / ours).toFixed(1)}× ours`,
      );
    } catch (error) {
      console.log(
        `  ${name.padEnd(76)} could not be bundled for a worker target: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }
}

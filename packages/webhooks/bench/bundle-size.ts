import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = join(import.meta.dirname, '..');

// What a browser or edge bundle of "verify a webhook" costs with each library.
const entries: [string, string][] = [
  [
    '@malipo/webhooks (verify only)',
    "export { standardWebhooks, verifyWebhook } from './dist/index.js';",
  ],
  ['standardwebhooks', "export { Webhook } from 'standardwebhooks';"],
  ['svix', "export { Webhook } from 'svix';"],
  ['@octokit/webhooks-methods (verify)', "export { verify } from '@octokit/webhooks-methods';"],
  ['stripe (whole SDK: webhooks are not separable)', "export { default } from 'stripe';"],
];

/** Minified + gzipped size of a verify-only import, ours beside the same libraries. */
export async function benchBundleSize(): Promise<void> {
  console.log('\nBundle size of a verify-only import (esbuild, browser, minified + gzip)');
  let ours = 0;
  for (const [name, contents] of entries) {
    const result = await build({
      stdin: { contents, resolveDir: packageDir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['worker', 'browser'],
      write: false,
      logLevel: 'silent',
    });
    const gz = gzipSync(result.outputFiles[0]!.contents).length;
    if (!ours) ours = gz;
    console.log(
      `  ${name.padEnd(48)} ${(gz / 1024).toFixed(2).padStart(8)} KB   ${(gz / ours).toFixed(1)}× ours`,
    );
  }
  console.log(
    `  goal: ≤ 1.5 KB → ${(ours / 1024).toFixed(2)} KB (${ours <= 1536 ? 'met' : 'not met'})`,
  );
}

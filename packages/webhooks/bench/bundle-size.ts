import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = join(import.meta.dirname, '..');

/** The verify-only import the issue sets a budget for (gzip -9). */
const goalBytes = 1.5 * 1024;

// What a browser or edge bundle of "verify a webhook" costs with each library. The first is the
// import the README names for verification alone; the main entry's is shown beside it.
const entries: [string, string][] = [
  [
    '@malipo/webhooks/verify (verifyStandardWebhook)',
    "export { verifyStandardWebhook } from './dist/verify.js';",
  ],
  [
    '@malipo/webhooks (standardWebhooks + verifyWebhook)',
    "export { standardWebhooks, verifyWebhook } from './dist/index.js';",
  ],
  ['standardwebhooks', "export { Webhook } from 'standardwebhooks';"],
  ['svix', "export { Webhook } from 'svix';"],
  ['@octokit/webhooks-methods (verify)', "export { verify } from '@octokit/webhooks-methods';"],
  ['stripe (whole SDK: webhooks are not separable)', "export { default } from 'stripe';"],
];

async function bundle(contents: string) {
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
  const gzip = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
  return gzip;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Minified + gzipped size of a verify-only import, ours beside the same libraries. */
export async function benchBundleSize(): Promise<void> {
  console.log('\nBundle size of a verify-only import (esbuild, browser, minified + gzip -9)');
  let ours = 0;
  for (const [name, contents] of entries) {
    const gzip = await bundle(contents);
    ours ||= gzip;
    console.log(`  ${name.padEnd(52)} ${kb(gzip).padStart(8)}   ${(gzip / ours).toFixed(1)}× ours`);
  }
  // The floor under the goal: every error carries its HTTP status, so the error class brings
  // the status of every code (the public catalogue, `webhookErrorStatus`) into any bundle.
  const errors = await bundle("export { WebhookVerificationError } from './dist/verify.js';");
  console.log(`  of which the error class and its status table alone: ${kb(errors)}`);
  console.log(
    `  goal: ≤ ${kb(goalBytes)} → ${kb(ours)} (${ours <= goalBytes ? 'met' : 'not met'})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchBundleSize();

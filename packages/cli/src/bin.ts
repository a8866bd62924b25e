#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from './cli/run-cli.js';

// dist/bin.js and src/bin.ts both sit one folder below package.json.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

runCli(process.argv.slice(2), { signal: stop.signal, version }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`malipo: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from './cli/run-cli.js';

// dist/bin.js and src/bin.ts both sit one folder below package.json.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
// A closed pipe (`malipo listen | head -1`) stops the command quietly rather than crashing it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stop.abort();
  });
}

runCli(process.argv.slice(2), { signal: stop.signal, version }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug of the CLI's own: one line; the stack only when asked for, to report it.
    const detail = process.env.MALIPO_DEBUG
      ? ((error as Error).stack ?? String(error))
      : String(error);
    process.stderr.write(
      `malipo: unexpected error: ${detail}\n${process.env.MALIPO_DEBUG ? '' : 'Run again with MALIPO_DEBUG=1 for the stack trace, and report it.\n'}`,
    );
    process.exitCode = 1;
  },
);

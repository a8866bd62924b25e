import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, '..');

/** Imports `specifier` in a fresh Node where msw cannot be found; returns its export names. */
async function importWithoutMsw(specifier: string, call = '') {
  const script = `const m = await import(${JSON.stringify(specifier)}); ${call} console.log(JSON.stringify(Object.keys(m).sort()));`;
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      join(import.meta.dirname, 'support/without-msw.mjs'),
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: packageDir, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as string[];
}

describe('@malipo/daraja/testing without msw installed', () => {
  it('imports, and its builders and simulator work', async () => {
    const names = await importWithoutMsw(
      '@malipo/daraja/testing',
      `const sim = m.createDarajaSimulator(); m.buildStkCallback({ checkoutRequestId: 'ws_CO_1' });
       const res = await sim.handle(new Request('https://sandbox.safaricom.co.ke/oauth/v1/generate?grant_type=client_credentials', { headers: { authorization: 'Basic ' + btoa('key:secret') } }));
       if (res.status !== 200) throw new Error('simulator answered ' + res.status);`,
    );
    expect(names).toEqual(
      expect.arrayContaining(['buildStkCallback', 'capturedPayloads', 'createDarajaSimulator']),
    );
  });

  it('only @malipo/daraja/testing/msw needs msw, and says so', async () => {
    await expect(importWithoutMsw('@malipo/daraja/testing/msw')).rejects.toThrow(
      /Cannot find package 'msw' \(blocked by without-msw\.mjs\)/,
    );
  });
});

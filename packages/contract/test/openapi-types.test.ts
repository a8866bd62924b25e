import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { openApiTypes } from '../scripts/openapi-types.js';
import { readDocument } from './support/openapi-document.js';

const here = import.meta.dirname;

describe('openapi-typescript types of docs/openapi.json', () => {
  it('are current (run `pnpm --filter @malipo/contract openapi`)', async () => {
    const committed = readFileSync(join(here, 'generated/openapi-types.ts'), 'utf8');
    // Formatted by biome as the write script does, in a scratch file beside the committed one.
    const fresh = join(here, 'generated/.fresh-openapi-types.ts');
    writeFileSync(fresh, await openApiTypes(readDocument()));
    try {
      execFileSync('npx', ['biome', 'format', '--write', fresh], { stdio: 'ignore' });
      expect(committed).toBe(readFileSync(fresh, 'utf8'));
    } finally {
      rmSync(fresh, { force: true });
    }
  });

  it('make an openapi-fetch program refuse misspelled fields and statuses', () => {
    const file = join(here, 'types/openapi-fetch-probes.ts');
    const config = ts.getParsedCommandLineOfConfigFile(
      join(here, '../tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    const program = ts.createProgram([file], { ...config?.options, noEmit: true });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // Each @ts-expect-error probe is an error, or TS reports it as unused (TS2578).
    expect(diagnostics).toEqual([]);
    const probes = readFileSync(file, 'utf8').match(/^\s*\/\/ @ts-expect-error/gm) ?? [];
    expect(probes).toHaveLength(4);
  }, 60_000);
});

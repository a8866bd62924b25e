import { chmodSync, lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { startGateway } from '../src/gateway.js';
import { testEnv } from './support/harness.js';

/** Every path under `folder` (itself included) with group or other permission bits. */
function openToOthers(folder: string): string[] {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    const stats = lstatSync(path);
    if ((stats.mode & 0o077) !== 0) found.push(`${(stats.mode & 0o777).toString(8)} ${path}`);
    if (stats.isDirectory()) for (const name of readdirSync(path)) pending.push(join(path, name));
  }
  return found;
}

describe('the embedded data folder is the owner’s alone', () => {
  it('after a first start, and after close, nothing in it is readable by group or others', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'malipo-modes-')), 'fresh', 'data');
    const gateway = await startGateway(loadConfig({ ...testEnv, DATA_DIR: dataDir }), {
      api: true,
      worker: true,
    });
    try {
      expect(readdirSync(dataDir).length).toBeGreaterThan(5);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await gateway.close();
    }
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('an existing folder with loose modes is tightened at start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'malipo-modes-')), 'data');
    const config = loadConfig({ ...testEnv, DATA_DIR: dataDir });
    // A database an older version left with loose modes: its folder, a file and a subfolder.
    await (await startGateway(config, { api: true, worker: false })).close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'PG_VERSION'), 0o666);
    chmodSync(join(dataDir, 'base'), 0o777);
    writeFileSync(join(dataDir, 'left-by-an-older-version'), 'x', { mode: 0o666 });
    chmodSync(join(dataDir, 'left-by-an-older-version'), 0o666);
    expect(openToOthers(dataDir)).toHaveLength(4);
    const gateway = await startGateway(config, { api: true, worker: false });
    try {
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await gateway.close();
    }
  });
});

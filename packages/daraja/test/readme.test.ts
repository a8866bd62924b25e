import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, '..');

/** Runs the README block between `<!-- name:start -->` and `<!-- name:end -->`; returns stdout. */
async function runBlock(name: string): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const block = new RegExp(
    `<!-- ${name}:start -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`,
  ).exec(readme);
  expect(block, `README ${name} block`).not.toBeNull();
  // Inside the package so `@malipo/daraja` resolves through its own exports.
  const dir = await mkdtemp(join(packageDir, 'test', '.readme-'));
  try {
    const file = join(dir, 'flow.ts');
    await writeFile(file, block![1]!);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: packageDir,
      timeout: 30_000,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('README', () => {
  it('runs the push → callback → query flow exactly as written', async () => {
    const stdout = await runBlock('readme-flow');
    expect(stdout).toMatch(/^inline poll: (pending|completed)$/m);
    expect(stdout).toMatch(/^paid KES 100 \(10000 cents\), receipt [A-Z0-9]{10}$/m);
    expect(stdout).toMatch(/^query: completed 0$/m);
  });

  it('runs the payout → reversal → balance flow exactly as written', async () => {
    const stdout = await runBlock('readme-payouts');
    const receipt = /^paid out 150000 cents, receipt ([A-Z0-9]{10})$/m.exec(stdout)?.[1];
    expect(receipt, stdout).toBeDefined();
    expect(stdout).toContain(`reversal: completed ${receipt}`);
    expect(stdout).toMatch(/^utility account: 100000000$/m);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, uniqueName } from './support/services.js';

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, '..');

/** Runs the README block between `<!-- name:start -->` and `<!-- name:end -->`; returns stdout. */
async function runBlock(name: string, env: Record<string, string>): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const block = new RegExp(
    `<!-- ${name}:start -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`,
  ).exec(readme);
  expect(block, `README ${name} block`).not.toBeNull();
  // Inside the package so `@malipo/webhooks` resolves through its own exports.
  const dir = await mkdtemp(join(packageDir, 'test', '.readme-'));
  try {
    const file = join(dir, 'example.ts');
    await writeFile(file, block![1]!);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: packageDir,
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh database for the example, dropped afterwards: it creates the default table. */
async function withScratchDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  const name = uniqueName('readme');
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  try {
    return await use(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

describe('README', () => {
  it('runs the verify-only example as written: the delivery passes, the tampered copy does not', async () => {
    const stdout = await runBlock('readme-verify', {});
    expect(stdout.trim()).toBe('200 {"error":"signature_mismatch"}');
  });

  it('runs the PostgreSQL store example as written: the retry is a duplicate', async () => {
    const stdout = await withScratchDatabase((url) =>
      runBlock('readme-postgres', { DATABASE_URL: url }),
    );
    expect(stdout).toMatch(/^handled payment\.completed standard-webhooks:msg_\S+$/m);
    expect(stdout).toContain('first: 200\n');
    expect(stdout).toContain('retry: {"received":true,"duplicate":true}\n');
    expect(stdout.match(/^handled /gm)).toHaveLength(1);
  });

  it('runs the Redis store example as written', async () => {
    const stdout = await runBlock('readme-redis', {
      REDIS_URL: redisUrl,
      MALIPO_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    expect(stdout.trim().split('\n')).toEqual(['new', 'in_progress', 'done']);
    const redis = await createClient({ url: redisUrl }).connect();
    const keys = await redis.keys('malipo:webhook:demo:*');
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });
});

import { userInfo } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from 'pg-boss';
import lockfile from 'proper-lockfile';
import { bossAdapter, type Database } from './database.js';
import { foreignFiles } from './foreign-files.js';
import { createOwnerOnlyFolder, restrictToOwner } from './owner-only.js';
import { pgliteStatements } from './pglite-statements.js';

/** Thrown when another process already holds the data folder. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another gateway process. PGlite is single-process: ` +
        'stop the other process, point DATA_DIR elsewhere, or use DATABASE_URL=postgres://… to run several processes.',
    );
  }
}

/** Thrown when the data folder cannot be created, locked or opened; `reason` says why. */
export class DataDirUnusableError extends Error {
  override readonly name = 'DataDirUnusableError';
  constructor(
    readonly dataDir: string,
    readonly reason: string,
    options?: ErrorOptions & { hint?: string },
  ) {
    const hint =
      options?.hint ?? 'Set DATA_DIR to a folder this user can write (it is created when missing).';
    super(`The data folder ${dataDir} cannot be used: ${reason}. ${hint}`, options);
  }
}

/** Emscripten's errno numbers, which PGlite's file layer throws (`ErrnoError`, no `code`). */
const emscriptenCodes: Record<number, string> = {
  2: 'EACCES',
  20: 'EEXIST',
  51: 'ENOSPC',
  54: 'ENOTDIR',
  63: 'EPERM',
  69: 'EROFS',
};

/** Why a file-system error makes `dataDir` unusable, in words; undefined when it is no such error. */
function unusableReason(error: unknown): string | undefined {
  const { code, name, errno, syscall } = (error ?? {}) as {
    code?: string;
    name?: string;
    errno?: number;
    syscall?: string;
  };
  switch (name === 'ErrnoError' && errno !== undefined ? emscriptenCodes[errno] : code) {
    case 'EEXIST':
      return 'it is a file, not a folder';
    case 'ENOTDIR':
      return 'it, or a folder on its path, is a file';
    case 'ENOENT':
      // Only mkdir's: PGlite's own missing files are not the folder's fault.
      return syscall === 'mkdir'
        ? 'a folder on its path is missing and cannot be made there (a broken link, or a file system that takes no new folders)'
        : undefined;
    case 'EACCES':
    case 'EPERM':
      return `permission denied for ${userName()}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return undefined;
  }
}

function userName(): string {
  try {
    return `user ${userInfo().username}`;
  } catch {
    return 'this user';
  }
}

/** How often files PGlite created meanwhile lose their group and other permissions. */
const sweepIntervalMs = 30_000;

/**
 * Opens PGlite in `dataDir` (or in memory for `memory://`), locked against a second process. The
 * lock is released on close; a lock left by a killed process goes stale after 5 s. The folder is
 * the owner's alone: created 0700, and an existing folder's modes are tightened at start.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  // File-system errors name a syscall and a path; the user needs the folder and what to change.
  const unusable = (error: unknown) => {
    const reason = unusableReason(error);
    return reason ? new DataDirUnusableError(dataDir, reason, { cause: error }) : error;
  };
  if (!dataDir.startsWith('memory://')) {
    const foreign = foreignFiles(dataDir);
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', …' : '');
      throw new DataDirUnusableError(
        dataDir,
        `it holds other files (${shown}) and no gateway database, which would be mixed with them`,
        { hint: 'Set DATA_DIR to a new or empty folder (it is created when missing).' },
      );
    }
    try {
      createOwnerOnlyFolder(dataDir);
      // A lock left by a killed process is stale after 5 s; a restart waits that long for it.
      release = await lockfile.lock(dataDir, {
        stale: 5_000,
        update: 1_000,
        realpath: false,
        retries: { retries: 8, minTimeout: 500, maxTimeout: 1_000 },
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
      throw unusable(error);
    }
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    await release?.().catch(() => {});
    throw unusable(error);
  }
  const local = !dataDir.startsWith('memory://');
  if (local) restrictToOwner(dataDir);
  const sweep = local ? setInterval(() => restrictToOwner(dataDir), sweepIntervalMs) : undefined;
  sweep?.unref();
  // The gateway's statements run named (pglite-statements.ts); pg-boss's go through PGlite.query.
  const statements = pgliteStatements(db);
  const { query } = statements;
  return {
    kind: 'pglite',
    query,
    boss: bossAdapter(query),
    bossOptions: { db: fromPglite(db), backend: 'pglite' },
    transaction: (work) =>
      db.transaction(async (tx) => {
        const txQuery = statements.inTransaction(tx);
        return work({ query: txQuery, boss: bossAdapter(txQuery) });
      }),
    async exec(sql) {
      await db.exec(sql);
    },
    listen: (channel, onNotify) => db.listen(channel, () => onNotify()),
    async close() {
      clearInterval(sweep);
      await db.close();
      if (local) restrictToOwner(dataDir);
      await release?.();
    },
  };
}

import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The data folder holds the callback token, webhook secrets and every payment: only the user
 * running the gateway may read or write it. Creates it 0700 (and its parents, when missing).
 */
export function createOwnerOnlyFolder(folder: string): void {
  createFolders(resolve(folder));
  try {
    // New subfolders then get 0700 too. Not available in worker threads; the sweep covers those.
    process.umask(0o077);
  } catch {}
}

/**
 * `mkdir -p`, one folder at a time. Node's `mkdirSync(…, { recursive: true })` never returns when
 * the folder above exists but refuses new entries with ENOENT (`/proc`, `/sys`); here that ENOENT
 * is thrown. A file in the way throws EEXIST (or ENOTDIR for one on the path), as recursive does.
 */
function createFolders(folder: string): void {
  try {
    makeFolder(folder);
  } catch (error) {
    const parent = dirname(folder);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === folder) throw error;
    createFolders(parent);
    makeFolder(folder);
  }
}

/** One mkdir; a folder already there (made meanwhile by another process, say) is fine. */
function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const target = statSync(folder, { throwIfNoEntry: false });
    if (target?.isDirectory()) return;
    // A link to nothing: mkdir says EEXIST, but no folder can be made there.
    if (!target)
      throw Object.assign(new Error(`${folder} links to nothing`), {
        code: 'ENOENT',
        syscall: 'mkdir',
      });
    throw error;
  }
}

/**
 * Removes group and other permissions from the folder and everything under it, returning how
 * many entries it changed. PGlite's file layer creates its files 0666 whatever the umask; inside
 * a 0700 folder nobody else can reach them, and this sweep (at start, periodically and at close)
 * leaves no file with those bits either. Symbolic links are not followed.
 */
export function restrictToOwner(folder: string): number {
  let changed = 0;
  const pending = [folder];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    let stats: ReturnType<typeof lstatSync>;
    try {
      stats = lstatSync(path);
    } catch {
      continue; // removed meanwhile (PostgreSQL recycles WAL segments)
    }
    if (stats.isSymbolicLink()) continue;
    if ((stats.mode & 0o077) !== 0) {
      try {
        chmodSync(path, stats.mode & 0o700);
        changed++;
      } catch {}
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) pending.push(join(path, name));
    }
  }
  return changed;
}

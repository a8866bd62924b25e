import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Entries a fresh volume or a desktop puts in an empty folder; they do not make it someone's. */
const harmless = new Set(['lost+found', '.DS_Store', 'Thumbs.db']);

/**
 * The entries of `folder` that show it holds someone else's files: none when it is missing, empty
 * or already a database (PostgreSQL's initdb writes `PG_VERSION` first). PGlite creating its
 * database in such a folder would mix its files with the user's and tighten the modes of all of
 * them, so the gateway refuses it.
 */
export function foreignFiles(folder: string): string[] {
  if (!existsSync(folder) || existsSync(join(folder, 'PG_VERSION'))) return [];
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return []; // not a readable folder: opening it names the reason
  }
  return entries.filter((entry) => !harmless.has(entry)).sort();
}

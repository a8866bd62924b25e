import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { randomToken } from '../ids/ids.js';
import { ensureSettingValue, writeSetting } from '../stores/merchants-store.js';
import { hashSecret } from './credentials.js';

/** The setting that holds the admin token's SHA-256. */
export const adminTokenSetting = 'admin_token_sha256';

/** Where the embedded gateway leaves its admin token for the `admin` command (owner-only). */
export const adminTokenFile = (dataDir: string) => join(dataDir, 'admin-token');

/**
 * The operator's admin token, kept as a SHA-256 hash. `ADMIN_TOKEN` sets it; otherwise one is
 * made on first start and written, owner-only, beside the embedded database for the `admin`
 * command (or returned to be printed once on PostgreSQL). Returns the hash to check against.
 */
export async function ensureAdminToken(
  db: Database,
  options: { given: string | undefined; dataDir: string | undefined },
): Promise<{ hash: string; created: string | undefined }> {
  if (options.given) {
    const hash = hashSecret(options.given);
    await writeSetting(db, adminTokenSetting, hash);
    return { hash, created: undefined };
  }
  const token = `adm_${randomToken(32)}`;
  const hash = await ensureSettingValue(db, adminTokenSetting, hashSecret(token));
  const created = hash === hashSecret(token) ? token : undefined;
  if (created && options.dataDir) {
    writeFileSync(adminTokenFile(options.dataDir), `${created}\n`, { mode: 0o600 });
  }
  return { hash, created };
}

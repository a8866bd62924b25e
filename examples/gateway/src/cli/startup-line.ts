import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '../config/config.js';
import { withoutPassword } from '../config/database-url.js';

/**
 * The line printed before anything slow loads, so a start is never silent: PGlite's first start
 * creates its database (several seconds, a minute on a slow disk) before the banner.
 */
export function startupLine(command: string, config: GatewayConfig): string {
  const { database } = config;
  if (database.kind === 'postgres') {
    return `Starting the Malipo gateway (${command}, PostgreSQL at ${withoutPassword(database.url)})…`;
  }
  // PG_VERSION is the first file PostgreSQL's initdb writes into a data folder.
  const fresh =
    !database.dataDir.startsWith('memory://') && !existsSync(join(database.dataDir, 'PG_VERSION'));
  return fresh
    ? `Starting the Malipo gateway (${command}): creating its database in ${database.dataDir}, first start only, this takes a few seconds…`
    : `Starting the Malipo gateway (${command}, PGlite in ${database.dataDir})…`;
}

import { readFileSync } from 'node:fs';

/**
 * What `--version` prints: the gateway package's name and version. The example is a private
 * workspace package; while its package.json carries no version, it says so instead of inventing one.
 */
export function gatewayVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { name: string; version?: string };
  return `${manifest.name} ${manifest.version ?? 'unversioned (package.json has no "version")'}`;
}

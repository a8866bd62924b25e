// The Node binaries the tarball checks run on. The running Node serves its own major; another
// comes from the npm registry (the `node` package ships the binary, as .ci/run fetches Node 24)
// into a cache folder that later runs reuse.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const versionOf = (binary) => {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/** The path of a Node `major` binary, installed into `MALIPO_NODE<major>_DIR` when missing. */
export function nodeBinary(major) {
  if (process.versions.node.split('.')[0] === String(major)) return process.execPath;
  const dir =
    process.env[`MALIPO_NODE${major}_DIR`] ??
    join(homedir(), '.cache', `malipo-ci-tools-node${major}`);
  const binary = join(dir, 'node_modules', '.bin', 'node');
  if (!versionOf(binary)?.startsWith(`v${major}.`)) {
    console.log(`check:tarballs: installing node@${major} from the npm registry into ${dir}`);
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `node@${major}`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (!versionOf(binary)?.startsWith(`v${major}.`)) {
      throw new Error(
        `check:tarballs: ${binary} is not Node ${major} after npm install node@${major}`,
      );
    }
  }
  return binary;
}

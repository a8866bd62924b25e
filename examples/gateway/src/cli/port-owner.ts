import { execFileSync } from 'node:child_process';

/**
 * The process listening on TCP `port`, as "name (pid N)", when `ss` (Linux) or `lsof` (macOS,
 * BSD) can tell within a second; undefined otherwise (neither installed, another user's process,
 * another network namespace). Only used to word a start-up failure.
 */
export function portOwner(port: number): string | undefined {
  return fromSs(port) ?? fromLsof(port);
}

function output(file: string, args: string[]): string | undefined {
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      timeout: 1_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** `LISTEN 0 511 127.0.0.1:8000 0.0.0.0:* users:(("node",pid=1234,fd=20))` */
function fromSs(port: number): string | undefined {
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(
    output('ss', ['-Hltnp', `sport = :${port}`]) ?? '',
  );
  return match ? `${match[1]} (pid ${match[2]})` : undefined;
}

/** `lsof -F pc` answers one field a line: `p1234`, then `cnode`. */
function fromLsof(port: number): string | undefined {
  const fields = output('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']) ?? '';
  const pid = /^p(\d+)$/m.exec(fields)?.[1];
  const name = /^c(.+)$/m.exec(fields)?.[1];
  return pid ? `${name ?? 'a process'} (pid ${pid})` : undefined;
}

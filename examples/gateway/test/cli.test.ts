import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../src/cli/node-version.js';
import { environmentVariables } from '../src/config/config.js';
import { freePort } from './support/child-gateway.js';
import { eventually } from './support/harness.js';

/**
 * The command line as a user meets it: the real `main.ts` in its own process, each failure one
 * line on stderr with no stack, exit code 2 for what the user must change and 1 otherwise.
 */
const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'malipo-cli-'));

/** The environment without any gateway setting of the shell that runs the tests. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !environmentVariables.includes(name)),
);

function launch(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: gatewayDir,
    env: { ...cleanEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a command to its end. */
function run(args: string[], env: Record<string, string> = {}) {
  const child = launch(args, env);
  let [stdout, stderr] = ['', ''];
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

/** A started gateway, read as it prints, stopped as Ctrl-C would. */
function startInBackground(env: Record<string, string>) {
  const child = launch(['start'], env);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    output: () => output,
    banner: () =>
      eventually(
        async () => output,
        (text) => text.includes('Webhook secret:'),
        60_000,
      ),
    async stop() {
      child.kill('SIGINT');
      return closed;
    },
  };
}

/** A failure answers one line on stderr, never a stack trace. */
function expectOneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0] as string;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('gateway --help, --version and bad command lines', () => {
  it('--help lists the commands and options, and points at the configuration table', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['start', 'api', 'worker', 'migrate', 'simulator', 'key', 'admin']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(stdout).toContain('--version');
    expect(stdout).toContain('Configuration table of examples/gateway/README.md');
  });

  it("--version prints the gateway package's version", async () => {
    const manifest = JSON.parse(readFileSync(join(gatewayDir, 'package.json'), 'utf8'));
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      `@malipo/example-gateway ${manifest.version ?? 'unversioned (package.json has no "version")'}`,
    );
  });

  it('an unknown option, an unknown command and a misplaced option: one line, exit 2', async () => {
    const unknown = await run(['start', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(expectOneLine(unknown.stderr)).toBe(
      'Unknown option --bogus: run with --help for the commands and their options.',
    );
    const command = await run(['strat']);
    expect(command.code).toBe(2);
    expect(expectOneLine(command.stderr)).toContain('Unknown command "strat": the commands are');
    const misplaced = await run(['start', '--live']);
    expect(misplaced.code).toBe(2);
    expect(expectOneLine(misplaced.stderr)).toContain('--live is an option of "key"');
  });
});

describe('start-up failures', () => {
  it('an older Node.js: which version runs, which is needed, how to get it', () => {
    expect(nodeVersionProblem('v20.20.2')).toBe(
      'The gateway needs Node.js 24 or later; this is Node.js v20.20.2. Install Node.js 24 (nvm install 24, fnm, Volta or your package manager) and start it again.',
    );
    expect(nodeVersionProblem('v22.23.3')).toContain('this is Node.js v22.23.3');
    expect(nodeVersionProblem('v24.0.0')).toBeUndefined();
    expect(nodeVersionProblem('v25.1.0')).toBeUndefined();
  });

  it('a busy port: which port and what to do, before the database or the merchant exists; the next start prints the credentials', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    const dataDir = join(scratch, 'busy-port', 'data');
    try {
      const failed = await run(['start'], { DATA_DIR: dataDir, PORT: String(port) });
      expect(failed.code).toBe(2);
      expect(expectOneLine(failed.stderr)).toMatch(
        new RegExp(
          `^Port ${port} on 127\\.0\\.0\\.1 is already in use( by \\S+ \\(pid ${process.pid}\\))?: set PORT to another port, or stop (that process|the process using it)\\.$`,
        ),
      );
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      busy.close();
    }

    // Forced JSON: every log line is one JSON object; the human lines are the start-up line and the banner.
    const second = startInBackground({ DATA_DIR: dataDir, PORT: '0', LOG_FORMAT: 'json' });
    try {
      const banner = await second.banner();
      expect(banner.split('\n')[0]).toBe(
        `Starting the Malipo gateway (start): creating its database in ${dataDir}, first start only, this takes a few seconds…`,
      );
      expect(banner).toMatch(/^ {2}API secret: {5}secret_\S+ {3}\(shown once/m);
      const logs = banner.split('\n').filter((line) => line.startsWith('{'));
      expect(logs.map((line) => JSON.parse(line).msg)).toEqual([
        'checking database migrations…',
        expect.stringMatching(/^applying \d+ database migrations…$/),
        expect.stringMatching(/^applied \d+ database migrations/),
      ]);
      expect(banner).not.toContain('INFO');
    } finally {
      expect(await second.stop()).toBe(0);
    }

    // Forced pretty, on a pipe: readable lines; the secret is gone, and the hint says how to get a key.
    const third = startInBackground({ DATA_DIR: dataDir, PORT: '0', LOG_FORMAT: 'pretty' });
    try {
      const banner = await third.banner();
      expect(banner).toMatch(/^\[[\d:.]+\] INFO: checking database migrations…$/m);
      expect(banner).not.toMatch(/^\{/m);
      expect(banner).toMatch(
        /^ {2}API secret: {5}\(shown once, when created; "admin keys create --merchant mer_\w+ --mode test" issues a new key while this runs, "key" while it is stopped\)$/m,
      );
      // "key" needs the folder to itself: it says how to get a key from the running gateway.
      const key = await run(['key'], { DATA_DIR: dataDir });
      expect(key.code).toBe(2);
      expect(expectOneLine(key.stderr)).toBe(
        `The data folder ${dataDir} is in use by another gateway process, and "key" opens it itself: issue the key through the running gateway with "admin keys create --merchant MER_ID --mode test" (or --mode live), or stop it first.`,
      );
    } finally {
      expect(await third.stop()).toBe(0);
    }
  }, 120_000);

  it('PostgreSQL unreachable: the URL without its password, and what the driver said; exit 1', async () => {
    const closedPort = await freePort();
    const { code, stdout, stderr } = await run(['start'], {
      DATABASE_URL: `postgres://malipo:s3cret-pa55@127.0.0.1:${closedPort}/malipo`,
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(expectOneLine(stderr)).toBe(
      `Cannot connect to PostgreSQL at postgres://malipo:***@127.0.0.1:${closedPort}/malipo: connect ECONNREFUSED 127.0.0.1:${closedPort}. Check that it is running and that DATABASE_URL (user, password, host, port, database) is right.`,
    );
    expect(stdout + stderr).not.toContain('s3cret-pa55');
  });

  it('PostgreSQL that never answers: gives up after DATABASE_CONNECT_TIMEOUT_SECONDS with the URL; exit 1', async () => {
    // Accepts the connection and never says a word, like a firewall that drops packets would.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const { code, stderr } = await run(['start'], {
        DATABASE_URL: `postgres://malipo@127.0.0.1:${port}/malipo`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
        PORT: '0',
      });
      expect(code).toBe(1);
      expect(expectOneLine(stderr)).toBe(
        `Cannot connect to PostgreSQL at postgres://malipo@127.0.0.1:${port}/malipo: no answer within 1 s (DATABASE_CONNECT_TIMEOUT_SECONDS). Check that it is running and that DATABASE_URL (user, password, host, port, database) is right.`,
      );
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it.each([
    ['999.1.1.1', /^Invalid configuration: HOST: expected an IP address of this machine/],
    // TEST-NET-1 (RFC 5737): an address no machine of ours has.
    ['192.0.2.1', /^HOST=192\.0\.2\.1 is not an address of this machine: set HOST to/],
    ['no-such-host.invalid', /^HOST=no-such-host\.invalid cannot be resolved \(\w+\): set HOST to/],
  ])('a bad HOST (%s): one line, exit 2', async (host, message) => {
    const dataDir = join(scratch, `host-${host}`);
    const { code, stderr } = await run(['start'], { HOST: host, PORT: '0', DATA_DIR: dataDir });
    expect(code).toBe(2);
    expect(expectOneLine(stderr)).toMatch(message);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('a DATA_DIR that is a file: one line saying so, exit 2', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'x');
    const { code, stderr } = await run(['start'], { DATA_DIR: file, PORT: '0' });
    expect(code).toBe(2);
    expect(expectOneLine(stderr)).toBe(
      `The data folder ${file} cannot be used: it is a file, not a folder. Set DATA_DIR to a folder this user can write (it is created when missing).`,
    );
  });

  it('a DATA_DIR where no folder can be made (a broken link, or under /proc): one line saying so, exit 2', async () => {
    const link = join(scratch, 'link-to-nothing');
    symlinkSync(join(scratch, 'gone', 'away'), link);
    // Linux's /proc: Node's recursive mkdir used to spin there forever, so this start hung.
    const folders = [
      join(link, 'data'),
      ...(existsSync('/proc/self') ? ['/proc/malipo-data/db'] : []),
    ];
    for (const folder of folders) {
      const { code, stderr } = await run(['start'], { DATA_DIR: folder, PORT: '0' });
      expect(code, folder).toBe(2);
      expect(expectOneLine(stderr)).toBe(
        `The data folder ${folder} cannot be used: a folder on its path is missing and cannot be made there (a broken link, or a file system that takes no new folders). Set DATA_DIR to a folder this user can write (it is created when missing).`,
      );
    }
  }, 30_000);

  it("a DATA_DIR holding someone's files: refused before anything is written or chmod-ed, exit 2", async () => {
    const folder = join(scratch, 'home-like');
    mkdirSync(join(folder, 'photos'), { recursive: true });
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    chmodSync(join(folder, 'notes.txt'), 0o644);
    const { code, stderr } = await run(['start'], { DATA_DIR: folder, PORT: '0' });
    expect(code).toBe(2);
    expect(expectOneLine(stderr)).toBe(
      `The data folder ${folder} cannot be used: it holds other files (notes.txt, photos) and no gateway database, which would be mixed with them. Set DATA_DIR to a new or empty folder (it is created when missing).`,
    );
    expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'photos']);
    expect(statSync(join(folder, 'notes.txt')).mode & 0o777).toBe(0o644);
  });

  it.each([
    ['MPESA_TRUSTED_PROXIES', '0.0.0.0/0', 'trusts too many addresses'],
    ['MPESA_TRUSTED_PROXIES', 'proxy.internal', 'is not an IP address or CIDR range'],
    ['PORT', 'abc', 'expected a whole number from 0 to 65535.'],
    ['LOG_FORMAT', 'xml', 'expected pretty or json.'],
  ])(
    '%s=%s, against the simulator too: the variable and what it expects, exit 2',
    async (name, value, says) => {
      const { code, stderr } = await run(['start'], {
        [name]: value,
        DATA_DIR: join(scratch, 'config-errors'),
      });
      expect(code).toBe(2);
      const line = expectOneLine(stderr);
      expect(line.startsWith(`Invalid configuration: ${name}: `)).toBe(true);
      expect(line).toContain(says);
    },
  );
});

describe('configuration', () => {
  const readme = readFileSync(join(gatewayDir, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Scale out'));

  it('every variable of the schema is in the README table', () => {
    // The credential sets are one row each (`MPESA_TEST_CONSUMER_KEY`, `_CONSUMER_SECRET`…).
    const credential = /^MPESA_(TEST_|LIVE_)?(.+)$/;
    const undocumented = environmentVariables.filter((name) => {
      if (table.includes(`\`${name}\``)) return false;
      const suffix = credential.exec(name)?.[2];
      return !(suffix && table.includes(`_${suffix}\``));
    });
    expect(undocumented).toEqual([]);
  });

  it('only the config module reads the environment (the example receiver is not the gateway)', () => {
    const src = join(gatewayDir, 'src');
    const readers = (readdirSync(src, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => readFileSync(join(src, file), 'utf8').includes('process.env'));
    expect(readers.sort()).toEqual(['config/config.ts', 'receiver/main.ts']);
  });
});

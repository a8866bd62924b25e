import { CliUsageError, isMalipoCliError } from '../errors/cli-error.js';
import { listenCommand } from './listen-command.js';
import type { CliOutput } from './output.js';
import { triggerCommand } from './trigger-command.js';
import { usage } from './usage.js';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** @default process.stdout / process.stderr, a line each */
  io?: CliOutput | undefined;
  /** Stops `listen`, or the send of `trigger` (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** What `--version` prints. */
  version?: string | undefined;
}

const terminal: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs `malipo <args>` and resolves to its exit code: 0 done, 1 the command failed (a non-2xx
 * answer, an unreachable receiver or gateway), 2 a bad command line. Never throws for those.
 */
export async function runCli(
  args: readonly string[],
  options: RunCliOptions = {},
): Promise<number> {
  const io = options.io ?? terminal;
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(usage);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(options.version ?? 'unknown');
      return 0;
    }
    if (command === 'trigger') return await triggerCommand(rest, io, options.signal);
    if (command === 'listen') return await listenCommand(rest, io, options.signal);
    throw new CliUsageError(`unknown command "${command}"; use trigger or listen (malipo --help).`);
  } catch (error) {
    if (isMalipoCliError(error)) {
      io.err(error.message);
      return error.exitCode;
    }
    // node:util parseArgs: unknown flags, a flag without its value.
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`malipo: ${(error as Error).message} (malipo --help lists the flags).`);
      return 2;
    }
    throw error;
  }
}

import { parseArgs } from 'node:util';

/** The gateway's commands, in the order `--help` lists them. */
export const commands = ['start', 'api', 'worker', 'migrate', 'simulator', 'key', 'admin'] as const;
export type Command = (typeof commands)[number];

/** The options a command takes besides `--help`. */
const optionsOf: Record<Command, readonly string[]> = {
  start: [],
  api: [],
  worker: [],
  migrate: [],
  simulator: [],
  key: ['live'],
  admin: ['name', 'merchant', 'mode', 'overlap', 'note', 'outcome', 'receipt'],
};

const options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  live: { type: 'boolean' },
  name: { type: 'string' },
  merchant: { type: 'string' },
  mode: { type: 'string' },
  overlap: { type: 'string' },
  note: { type: 'string' },
  outcome: { type: 'string' },
  receipt: { type: 'string' },
} as const;

export type CommandOptions = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

/** What a command line asks for; `problem` is one line saying what to type instead (exit 2). */
export type CommandLine =
  | { kind: 'help'; command: Command | undefined; asked: boolean }
  | { kind: 'version' }
  | { kind: 'run'; command: Command; words: string[]; options: CommandOptions }
  | { kind: 'problem'; message: string };

const seeHelp = 'run with --help for the commands and their options';

/** Reads `argv` (without node and the script) with node:util's strict parser. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options });
  } catch (error) {
    return { kind: 'problem', message: `${parseProblem(error as Error)}: ${seeHelp}.` };
  }
  const { positionals, values } = parsed;
  const [first, ...words] = positionals;
  if (values.version) return { kind: 'version' };
  if (first !== undefined && !(commands as readonly string[]).includes(first)) {
    return {
      kind: 'problem',
      message: `Unknown command "${first}": the commands are ${commands.slice(0, -1).join(', ')} and ${commands.at(-1)} (--help says what each does).`,
    };
  }
  const command = first as Command | undefined;
  if (values.help || command === undefined) {
    return { kind: 'help', command, asked: values.help === true };
  }
  const misplaced = Object.keys(values).find((name) => !optionsOf[command].includes(name));
  if (misplaced) {
    const owners = commands.filter((each) => optionsOf[each].includes(misplaced));
    return {
      kind: 'problem',
      message: `--${misplaced} is an option of "${owners.join('", "')}", not of "${command}": ${seeHelp}.`,
    };
  }
  if (command !== 'admin' && words.length > 0) {
    return {
      kind: 'problem',
      message: `Unexpected "${words.join(' ')}" after "${command}": ${seeHelp}.`,
    };
  }
  return { kind: 'run', command, words, options: values };
}

/** node:util's complaint in a few words; its messages run to several sentences. */
function parseProblem(error: Error & { code?: string }): string {
  // "Unknown option '--x'…", "Option '--name <value>' argument missing", "Option '--live' does not take…"
  const option = /'(-[^' ,]*(?:, (-[^' ]*))?)/.exec(error.message);
  const name = option?.[2] ?? option?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${name}`;
  if (/argument missing|ambiguous/.test(error.message)) return `${name} needs a value`;
  if (/does not take an argument/.test(error.message)) return `${name} takes no value`;
  return (error.message.split(/\.\s/)[0] ?? error.message).replace(/\.$/, '');
}

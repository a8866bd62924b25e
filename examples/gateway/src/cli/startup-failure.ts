import type { GatewayConfig } from '../config/config.js';
import type { Command } from './command-line.js';
import { portOwner } from './port-owner.js';

/** What the person who ran the command reads on stderr, and the process's exit code. */
export interface StartupFailure {
  /** One line; a configuration error with several bad variables has one line for each. */
  message: string;
  /** 2: change the command line or the configuration; 1: anything else. */
  exitCode: 1 | 2;
}

/**
 * The gateway's own errors whose message already says what to do, with their exit codes; matched
 * by `name` (not `instanceof`), as a guard that works across bundles should.
 */
const ownErrors: Record<string, 1 | 2> = {
  DataDirLockedError: 2,
  DataDirUnusableError: 2,
  DatabaseUnreachableError: 1,
};

type SystemError = Error & {
  code?: string;
  syscall?: string;
  port?: number;
  address?: string;
  hostname?: string;
  issues?: readonly string[];
};

/** Words a start-up error for a person: no stack, the variable to change, the process in the way. */
export function describeStartupFailure(
  error: unknown,
  context: { command: Command | undefined; config: GatewayConfig | undefined },
): StartupFailure {
  const e = (error ?? {}) as SystemError;
  if (e.name === 'GatewayConfigError' && e.issues) {
    return {
      message: e.issues.map((issue) => `Invalid configuration: ${issue}`).join('\n'),
      exitCode: 2,
    };
  }
  if (e.name === 'DataDirLockedError' && context.command === 'key') {
    return {
      message:
        `The data folder ${(e as { dataDir?: string }).dataDir} is in use by another gateway process, and "key" opens it itself: ` +
        'issue the key through the running gateway with "admin keys create --merchant MER_ID --mode test" (or --mode live), or stop it first.',
      exitCode: 2,
    };
  }
  const own = ownErrors[e.name];
  if (own) return { message: e.message, exitCode: own };
  const listening = context.config && listenProblem(e, context.config, context.command);
  if (listening) return { message: listening, exitCode: 2 };
  const what =
    context.command === 'start' || context.command === 'api' || context.command === 'worker'
      ? 'The gateway could not start'
      : `"${context.command ?? 'gateway'}" failed`;
  return {
    message: `${what}: ${said(e, error)} (LOG_LEVEL=debug prints the stack).`,
    exitCode: 1,
  };
}

/** The error's message on one line; some libraries throw objects with a name and no message. */
function said(e: SystemError & { errno?: number }, error: unknown): string {
  const text =
    e.message ||
    (e.name ? `${e.name}${e.errno === undefined ? '' : ` (errno ${e.errno})`}` : String(error));
  return text.replace(/\s+/g, ' ');
}

/** A listen failure on one of the ports the configuration names, in terms of its variables. */
function listenProblem(
  e: SystemError,
  config: GatewayConfig,
  command: Command | undefined,
): string | undefined {
  const listeners =
    command === 'simulator'
      ? [{ port: config.simulatorPort, host: config.host, vars: ['SIMULATOR_PORT', 'HOST'] }]
      : [
          { port: config.port, host: config.host, vars: ['PORT', 'HOST'] },
          ...(config.metrics?.listen
            ? [{ ...config.metrics.listen, vars: ['METRICS_PORT', 'METRICS_HOST'] }]
            : []),
        ];
  const listener =
    e.syscall === 'getaddrinfo'
      ? listeners.find(({ host }) => host === e.hostname)
      : e.syscall === 'listen'
        ? // With port 0 the error names only the address.
          (listeners.find(({ port }) => port === e.port) ??
          listeners.find(({ host }) => host === e.address))
        : undefined;
  if (!listener) return undefined;
  const { port, host } = listener;
  const [portVar, hostVar] = listener.vars;
  const hosts = `127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`;
  switch (e.code) {
    case 'EADDRINUSE': {
      const owner = portOwner(port);
      return owner
        ? `Port ${port} on ${host} is already in use by ${owner}: set ${portVar} to another port, or stop that process.`
        : `Port ${port} on ${host} is already in use: set ${portVar} to another port, or stop the process using it.`;
    }
    case 'EACCES':
      return `Port ${port} on ${host} needs privileges this user lacks: set ${portVar} to 1024 or above (a proxy in front can serve port ${port}).`;
    case 'EADDRNOTAVAIL':
      return `${hostVar}=${host} is not an address of this machine: set ${hostVar} to one of its addresses, ${hosts}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `${hostVar}=${host} cannot be resolved (${e.code}): set ${hostVar} to an address of this machine, ${hosts}.`;
    default:
      return undefined;
  }
}

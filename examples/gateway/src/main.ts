/**
 * @module The gateway's command line (`pnpm start` runs `start`): reads the command and the
 * environment, says within a second that it is starting, and answers every failure with one line
 * that says what to do, exit code 2 when the command line or the configuration must change and 1
 * otherwise. The heavy modules (PGlite, pg-boss, the API) load only after that first line.
 */
import { adminCall, adminUsage, runAdmin } from './admin-command.js';
import { type Command, type CommandOptions, parseCommandLine } from './cli/command-line.js';
import { nodeVersionProblem } from './cli/node-version.js';
import { describeStartupFailure } from './cli/startup-failure.js';
import { startupLine } from './cli/startup-line.js';
import { usage } from './cli/usage.js';
import { gatewayVersion } from './cli/version.js';
import { type GatewayConfig, loadConfig } from './config/config.js';

/** What the failure handler needs to word an error: known once parsed and loaded. */
const context: { command: Command | undefined; config: GatewayConfig | undefined } = {
  command: undefined,
  config: undefined,
};

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.kind === 'problem') {
    console.error(line.message);
    return 2;
  }
  if (line.kind === 'version') {
    console.log(gatewayVersion());
    return 0;
  }
  if (line.kind === 'help') {
    const text = line.command === 'admin' ? adminUsage : usage;
    if (line.asked) console.log(text);
    else console.error(text);
    return line.asked ? 0 : 2;
  }
  context.command = line.command;
  const tooOld = nodeVersionProblem(process.version);
  if (tooOld) {
    console.error(tooOld);
    return 2;
  }
  if (line.command === 'admin') {
    if (line.words.length === 0) {
      console.error(adminUsage);
      return 2;
    }
    const call = adminCall(line.words, line.options);
    if (typeof call === 'string') {
      console.error(`${call} Run "admin --help" for the operations.`);
      return 2;
    }
    context.config = loadConfig();
    return runAdmin(context.config, call);
  }
  const config = loadConfig();
  context.config = config;
  if (line.command === 'migrate') return migrateCommand(config);
  if (line.command === 'key') return keyCommand(config, line.options);
  if (line.command === 'simulator') return simulatorCommand(config);
  if (line.command !== 'start' && config.database.kind === 'pglite') {
    console.error(
      `"${line.command}" runs as a separate process and needs a shared database: set DATABASE_URL=postgres://…, or use "start" for the embedded one.`,
    );
    return 2;
  }
  console.log(startupLine(line.command, config));
  return serve(config, line.command);
}

async function serve(config: GatewayConfig, command: 'start' | 'api' | 'worker'): Promise<number> {
  const [{ startGateway }, { banner }] = await Promise.all([
    import('./gateway.js'),
    import('./cli/banner.js'),
  ]);
  const gateway = await startGateway(config, {
    api: command !== 'worker',
    worker: command !== 'api',
  });
  console.log(banner(gateway, config, command));
  const signal = await stopped();
  gateway.logger.info({ signal }, 'shutting down');
  await gateway.close().catch((error) => gateway.logger.error({ err: error }, 'shutdown failed'));
  return 0;
}

async function migrateCommand(config: GatewayConfig): Promise<number> {
  const [{ openDatabase }, { migrate }] = await Promise.all([
    import('./gateway.js'),
    import('./db/migrate.js'),
  ]);
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db, {
      onPending: (count) => console.log(`Applying ${count} migration${count === 1 ? '' : 's'}…`),
    });
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Database is up to date.');
  } finally {
    await db.close();
  }
  return 0;
}

async function keyCommand(config: GatewayConfig, options: CommandOptions): Promise<number> {
  const [{ openDatabase }, { migrate }, { createApiKey }] = await Promise.all([
    import('./gateway.js'),
    import('./db/migrate.js'),
    import('./merchants/api-keys.js'),
  ]);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const key = await createApiKey(db, options.live ? 'live' : 'test');
    console.log(
      `Merchant ${key.merchantId}\n  API key:    ${key.apiKey}\n  API secret: ${key.apiSecret}   (shown once)`,
    );
  } finally {
    await db.close();
  }
  return 0;
}

async function simulatorCommand(config: GatewayConfig): Promise<number> {
  const { startStandaloneSimulator } = await import('./simulator.js');
  const simulator = await startStandaloneSimulator(config, config.simulatorPort);
  console.log(`Daraja simulator on ${simulator.url} (set MPESA_SIMULATOR_URL=${simulator.url})`);
  await stopped();
  simulator.close();
  return 0;
}

/** Resolves on Ctrl-C or a service manager's stop, with the signal's name. */
function stopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => resolve(signal));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const failure = describeStartupFailure(error, context);
    console.error(failure.message);
    // The stack is for whoever debugs the gateway, not for the person starting it.
    if (failure.exitCode === 1 && ['debug', 'trace'].includes(context.config?.logLevel ?? '')) {
      console.error(error);
    }
    process.exit(failure.exitCode);
  },
);

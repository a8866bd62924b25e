import { parseArgs } from 'node:util';
import { adminCall, adminUsage, runAdmin } from './admin-command.js';
import { GatewayConfigError, loadConfig } from './config/config.js';
import { migrate } from './db/migrate.js';
import { DataDirLockedError } from './db/pglite.js';
import { openDatabase, type Roles, startGateway } from './gateway.js';
import { createApiKey } from './merchants/api-keys.js';
import { startStandaloneSimulator } from './simulator.js';

const usage = `Usage: gateway <command>

Commands:
  start     API and workers in one process (embedded PGlite by default)
  api       the HTTP API only (needs DATABASE_URL=postgres://…)
  worker    the background workers only (needs DATABASE_URL=postgres://…)
  migrate   apply database migrations and exit
  simulator the Daraja simulator alone (scale-out: point MPESA_SIMULATOR_URL of every process at it)
  key       issue another API key for the merchant (--live for a live key), printed once
  admin     merchants, keys and secret rotation on the running gateway ("admin --help")

Configuration is read from the environment; see examples/gateway/README.md.`;

async function main(argv: string[]): Promise<number> {
  // node:util parseArgs: Node's own maintained parser, enough for one positional and --help.
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      live: { type: 'boolean' },
      name: { type: 'string' },
      merchant: { type: 'string' },
      mode: { type: 'string' },
      overlap: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command === 'admin') {
    const call = adminCall(positionals.slice(1), values);
    if (values.help || typeof call === 'string') {
      if (typeof call === 'string' && !values.help) console.error(call);
      console.log(adminUsage);
      return values.help ? 0 : 2;
    }
    return runAdmin(loadConfig(), call);
  }
  if (values.help || command === undefined) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (
    !['start', 'api', 'worker', 'migrate', 'simulator', 'key'].includes(command) ||
    positionals.length > 1
  ) {
    console.error(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
    return 2;
  }
  const config = loadConfig();

  if (command === 'migrate') {
    const db = await openDatabase(config);
    try {
      const applied = await migrate(db);
      console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Database is up to date.');
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'key') {
    const db = await openDatabase(config);
    try {
      await migrate(db);
      const key = await createApiKey(db, values.live ? 'live' : 'test');
      console.log(
        `Merchant ${key.merchantId}\n  API key:    ${key.apiKey}\n  API secret: ${key.apiSecret}   (shown once)`,
      );
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'simulator') {
    const simulator = await startStandaloneSimulator(
      config,
      Number(process.env.SIMULATOR_PORT ?? 8001),
    );
    console.log(`Daraja simulator on ${simulator.url} (set MPESA_SIMULATOR_URL=${simulator.url})`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    simulator.close();
    return 0;
  }
  if (command !== 'start' && config.database.kind === 'pglite') {
    console.error(
      `"${command}" runs as a separate process and needs a shared database: set DATABASE_URL=postgres://…, or use "start" for the embedded one.`,
    );
    return 2;
  }
  const roles: Roles = { api: command !== 'worker', worker: command !== 'api' };
  const gateway = await startGateway(config, roles);
  printBanner(gateway, config, command);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      gateway.logger.info({ signal }, 'shutting down');
      gateway.close().then(resolve, (error) => {
        console.error(error);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

function printBanner(
  gateway: Awaited<ReturnType<typeof startGateway>>,
  config: ReturnType<typeof loadConfig>,
  command: string,
) {
  const lines = [
    '',
    `Malipo gateway (${command}) on ${config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'}`,
    gateway.url ? `  API:            ${gateway.url}` : '  workers running',
    `  Test mode:      ${config.mpesa.test.kind === 'simulator' ? 'built-in Daraja simulator (no money moves)' : "Safaricom's sandbox"}`,
    `  Live mode:      ${config.mpesa.live ? 'Safaricom production' : 'off (set MPESA_LIVE_* to enable it)'}`,
    `  Merchant:       ${gateway.merchant.merchantId}`,
    `  API key:        ${gateway.merchant.apiKey}`,
    gateway.merchant.created
      ? `  API secret:     ${gateway.merchant.apiSecret}   (shown once: only its hash is stored)`
      : '  API secret:     (shown on first run only; set API_KEY/API_SECRET on a fresh data folder to choose them)',
    // Signing needs it in the clear, so it is never hashed: keep it out of production logs by
    // printing it only on first run, or against the simulator (where no money moves).
    gateway.merchant.created || (config.mpesa.test.kind === 'simulator' && !config.mpesa.live)
      ? `  Webhook secret: ${gateway.merchant.webhookSecret}`
      : '  Webhook secret: (shown on first run, and whenever the simulator is used)',
    config.database.kind === 'pglite'
      ? `  Admin token:    in ${config.database.dataDir}/admin-token (for "admin"; owner-only)`
      : gateway.adminToken
        ? `  Admin token:    ${gateway.adminToken}   (shown once: set ADMIN_TOKEN to use "admin")`
        : '  Admin token:    (shown on first start, or set by ADMIN_TOKEN)',
    gateway.loginLink
      ? `  Dashboard:      ${gateway.loginLink}   (one-time sign-in link, 15 minutes; "admin login-link --merchant ${gateway.merchant.merchantId}" prints another)`
      : gateway.url
        ? `  Dashboard:      ${gateway.url}/dashboard ("admin login-link --merchant ${gateway.merchant.merchantId}" prints a sign-in link)`
        : '',
    gateway.url ? `  API reference:  ${gateway.url}/docs` : '',
    config.allowPrivateWebhookUrls
      ? '  Webhooks may go to localhost and private addresses (ALLOW_PRIVATE_WEBHOOK_URLS).'
      : '  Webhooks go to public addresses only.',
    '',
  ];
  // Lines that do not apply to this process are empty strings: only the framing blanks stay.
  console.log(
    lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n'),
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof GatewayConfigError || error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);

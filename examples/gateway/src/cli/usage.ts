/** What `--help` prints. */
export const usage = `Usage: gateway <command> [options]   ("pnpm start" at the repository root runs "start")

Commands:
  start      API and workers in one process (embedded PGlite by default)
  api        the HTTP API only (needs DATABASE_URL=postgres://…)
  worker     the background workers only (needs DATABASE_URL=postgres://…)
  migrate    apply database migrations and exit
  simulator  the Daraja simulator alone, on SIMULATOR_PORT (scale-out: point MPESA_SIMULATOR_URL
             of every process at it)
  key        issue another API key for the test merchant, printed once (with the gateway
             stopped on PGlite; "admin keys create" works while it runs)
  admin      merchants, keys and secret rotation on the running gateway ("admin --help")

Options:
  -h, --help     this help
  -v, --version  the gateway's version
  --live         with "key": a live key (sk_live_…) instead of a test key

Configuration comes from environment variables (PORT, HOST, DATA_DIR, DATABASE_URL, LOG_LEVEL,
LOG_FORMAT, MPESA_…): each one is listed in the Configuration table of examples/gateway/README.md.

Exit codes: 0 done; 2 the command line or the configuration needs a change (a bad value, a port
or data folder another process holds); 1 anything else (e.g. the database is unreachable).`;

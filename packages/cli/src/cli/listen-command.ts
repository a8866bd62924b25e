import { parseArgs } from 'node:util';
import { isMalipoError } from '@malipo/client';
import { MalipoCliError } from '../errors/cli-error.js';
import { listen } from '../listen/listen.js';
import {
  httpUrl,
  milliseconds,
  refuseRepeats,
  required,
  scheme,
  webhookSecret,
} from './flag-values.js';
import type { CliOutput } from './output.js';
import { usage } from './usage.js';

/** The flag each client option comes from. */
const flagOf: Record<string, string> = {
  apiKey: '--api-key',
  apiSecret: '--api-secret',
  baseUrl: '--gateway',
};

/** `malipo listen …`: runs until `signal` aborts (Ctrl-C), then 0. */
export async function listenCommand(
  args: string[],
  io: CliOutput,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      gateway: { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      'forward-to': { type: 'string' },
      secret: { type: 'string' },
      scheme: { type: 'string' },
      interval: { type: 'string' },
    },
  });
  if (values.help) {
    io.out(usage);
    return 0;
  }
  refuseRepeats(tokens);
  if (positionals.length > 0) {
    throw new MalipoCliError('usage', `unexpected argument "${positionals[0]}".`);
  }
  const gateway = httpUrl(
    required(values, 'gateway', 'the gateway URL, e.g. http://127.0.0.1:8000'),
    'gateway',
  );
  const apiKey = required(values, 'api-key', 'the merchant API key', 'MALIPO_API_KEY');
  const apiSecret = required(values, 'api-secret', 'the merchant API secret', 'MALIPO_API_SECRET');
  const forwardTo = httpUrl(required(values, 'forward-to', 'your local webhook URL'), 'forward-to');
  // The gateway API never shows a webhook secret again after creation, so it is given here.
  const secret = webhookSecret(
    required(values, 'secret', 'the whsec_… your handler verifies with', 'MALIPO_WEBHOOK_SECRET'),
  );
  const options = {
    gateway,
    apiKey,
    apiSecret,
    forwardTo,
    secret,
    scheme: scheme(values.scheme),
    intervalMs: milliseconds(values.interval, 'interval', 2000),
    signal,
  };
  try {
    await listen({
      ...options,
      onReady: () => io.out(`Forwarding ${gateway} events to ${forwardTo} (Ctrl-C stops).`),
      onForward: (event, result, attempt) => {
        const answer =
          result instanceof MalipoCliError
            ? `${event.event} ${event.id} → ${result.message}`
            : `${event.event} ${event.id} → ${forwardTo}: ${result.status}`;
        const again = attempt.givenUp
          ? ' (given up: fix your handler or --secret, then send it again with malipo trigger)'
          : attempt.retryInMs === undefined
            ? ''
            : ` (try ${attempt.number}; again in ${Math.round(attempt.retryInMs / 1000)} s)`;
        // A failed try is a warning: standard error, like the rest of what needs attention.
        if (attempt.retryInMs === undefined && !attempt.givenUp) io.out(`${answer}${again}`);
        else io.err(`${answer}${again}`);
      },
      onGatewayDown: (error, retryInMs) =>
        io.err(
          `the gateway at ${gateway} did not answer (${error.message.replace(/^@malipo\/client: /, '')}); polling again in ${Math.round(retryInMs / 1000)} s, then less often (at most every 30 s); what changes meanwhile is forwarded when it is back.`,
        ),
      onGatewayBack: () => io.err(`the gateway at ${gateway} answers again.`),
      onSkip: (id, reason) => io.err(`skipped ${id}: the gateway answered ${reason}`),
    });
  } catch (error) {
    if (!isMalipoError(error)) throw error;
    // The client refusing an option is the command line's fault, not the gateway's.
    if (error.code === 'invalid_options') {
      const field = (error as { field?: string }).field;
      throw new MalipoCliError(
        'usage',
        `${flagOf[field ?? ''] ?? 'an option'} ${error.message.replace(/^@malipo\/client: invalid option `[^`]*`: /, '')}`,
      );
    }
    throw new MalipoCliError(
      'send_failed',
      `the gateway at ${gateway} refused or failed: ${error.message}`,
      { cause: error },
    );
  }
  return 0;
}

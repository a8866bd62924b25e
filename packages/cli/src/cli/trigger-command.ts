import { parseArgs } from 'node:util';
import { MalipoCliError } from '../errors/cli-error.js';
import { buildTestEvent } from '../events/build-test-event.js';
import { sendEvent } from '../send/send-event.js';
import {
  httpUrl,
  jsonData,
  refuseRepeats,
  required,
  scheme,
  webhookSecret,
} from './flag-values.js';
import type { CliOutput } from './output.js';
import { usage } from './usage.js';

/** `malipo trigger <event-type> …`: 0 on a 2xx answer, 1 otherwise. */
export async function triggerCommand(
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
      url: { type: 'string' },
      secret: { type: 'string' },
      data: { type: 'string' },
      scheme: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(usage);
    return 0;
  }
  refuseRepeats(tokens);
  const [type, ...extra] = positionals;
  if (!type) throw usageError('an event type is required, e.g. malipo trigger payment.completed');
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  const url = httpUrl(required(values, 'url', 'where your webhook handler listens'), 'url');
  const secret = webhookSecret(
    required(values, 'secret', 'the whsec_… your handler verifies with', 'MALIPO_WEBHOOK_SECRET'),
  );
  const event = buildTestEvent(type, { data: jsonData(values.data) });

  const sent = await sendEvent(url, event, { secret, scheme: scheme(values.scheme), signal });
  io.out(`${event.event} ${event.id} → ${url}: ${sent.status}`);
  if (sent.excerpt) io.out(printable(sent.excerpt));
  if (!sent.ok) {
    throw new MalipoCliError('send_failed', `the receiver answered ${sent.status}, not 2xx.`);
  }
  return 0;
}

/**
 * The receiver's text as the terminal should show it: escape sequences (ESC, OSC and other
 * control characters) would otherwise reach the terminal as commands.
 */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

function usageError(message: string) {
  return new MalipoCliError('usage', `${message}.\n${usage}`);
}
